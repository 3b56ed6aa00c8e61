package dev.mlship.onnx;

import java.lang.reflect.Field;
import smile.model.cart.OrdinalNode;

/**
 * The one place that reads values Smile 6.3 keeps private: a split's threshold and a boosted model's
 * intercept and shrinkage. If a Smile upgrade renames or retypes them, export fails here with a clear
 * message instead of producing a wrong model.
 */
final class SmileInternals {
    private SmileInternals() {}

    /** The threshold of an ordinal split: x <= value goes to the true child. */
    static double splitValue(OrdinalNode node) {
        return readDouble(OrdinalNode.class, "value", node);
    }

    /** The intercept b of a gradient-boosted model (classification or regression). */
    static double intercept(Object gradientTreeBoost) {
        return readDouble(gradientTreeBoost.getClass(), "b", gradientTreeBoost);
    }

    static double shrinkage(Object gradientTreeBoost) {
        return readDouble(gradientTreeBoost.getClass(), "shrinkage", gradientTreeBoost);
    }

    private static double readDouble(Class<?> type, String name, Object target) {
        try {
            Field f = type.getDeclaredField(name);
            if (f.getType() != double.class) {
                throw new ExportException(shapeChanged(type, name, "is now " + f.getType().getSimpleName()));
            }
            f.setAccessible(true);
            return f.getDouble(target);
        } catch (NoSuchFieldException e) {
            throw new ExportException(shapeChanged(type, name, "no longer exists"), e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof ExportException ee) {
                throw ee;
            }
            throw new ExportException(shapeChanged(type, name, "cannot be read (" + e + ")"), e);
        }
    }

    private static String shapeChanged(Class<?> type, String field, String problem) {
        return "cannot export: Smile's " + type.getName() + "." + field + " " + problem
                + "; this Smile version is not supported by the ONNX exporter";
    }
}
