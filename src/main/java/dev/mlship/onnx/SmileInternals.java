package dev.mlship.onnx;

import java.lang.reflect.Field;
import smile.classification.PlattScaling;
import smile.model.cart.OrdinalNode;

/**
 * The one place that reads values Smile 6.3 keeps private: a split's threshold, a boosted model's
 * intercept and shrinkage, Platt scaling's coefficients and the machines inside multiclass wrappers. If a Smile upgrade renames or retypes them, export fails here with a clear
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

    /** Platt scaling's alpha and beta: p = 1 / (1 + exp(alpha * score + beta)). */
    static double plattAlpha(PlattScaling platt) {
        return readDouble(PlattScaling.class, "alpha", platt);
    }

    static double plattBeta(PlattScaling platt) {
        return readDouble(PlattScaling.class, "beta", platt);
    }

    /** The binary machines of a one-versus-rest or one-versus-one model ([k] or [k][i]). */
    static Object machines(Object multiclass) {
        return readObject(multiclass.getClass(), "classifiers", multiclass);
    }

    /** Their Platt scalings, in the same layout. */
    static Object plattScalings(Object multiclass) {
        return readObject(multiclass.getClass(), "platt", multiclass);
    }

    private static Object readObject(Class<?> type, String name, Object target) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            Object value = f.get(target);
            if (value == null) {
                throw new ExportException(shapeChanged(type, name, "is not set"));
            }
            return value;
        } catch (NoSuchFieldException e) {
            throw new ExportException(shapeChanged(type, name, "no longer exists"), e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof ExportException ee) {
                throw ee;
            }
            throw new ExportException(shapeChanged(type, name, "cannot be read (" + e + ")"), e);
        }
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
