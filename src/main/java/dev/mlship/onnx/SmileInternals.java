package dev.mlship.onnx;

import java.lang.reflect.Field;
import smile.model.cart.OrdinalNode;

/**
 * The one place that reads values Smile 6.3 keeps private: a split's threshold and a boosted model's
 * intercept and shrinkage. If a Smile upgrade renames or retypes them, export fails here with a clear
 * message instead of producing a wrong model.
 *
 * <p>Each read names its class and field as constants: a native image can read only the fields listed in
 * META-INF/native-image/dev.mlship/mlship/reachability-metadata.json, and a test checks every pair read
 * here against that list.
 */
final class SmileInternals {
    private SmileInternals() {}

    /** The threshold of an ordinal split: x <= value goes to the true child. */
    static double splitValue(OrdinalNode node) {
        return readDouble(OrdinalNode.class, "value", node);
    }

    /** The intercept b of a gradient-boosted classifier. */
    static double intercept(smile.classification.GradientTreeBoost model) {
        return readDouble(smile.classification.GradientTreeBoost.class, "b", model);
    }

    /** The intercept b of a gradient-boosted regression model. */
    static double intercept(smile.regression.GradientTreeBoost model) {
        return readDouble(smile.regression.GradientTreeBoost.class, "b", model);
    }

    static double shrinkage(smile.classification.GradientTreeBoost model) {
        return readDouble(smile.classification.GradientTreeBoost.class, "shrinkage", model);
    }

    static double shrinkage(smile.regression.GradientTreeBoost model) {
        return readDouble(smile.regression.GradientTreeBoost.class, "shrinkage", model);
    }

    static double readDouble(Class<?> type, String name, Object target) {
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
