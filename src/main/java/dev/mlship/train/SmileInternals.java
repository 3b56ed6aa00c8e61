package dev.mlship.train;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import java.lang.reflect.Field;
import smile.classification.PlattScaling;
import smile.classification.Classifier;
import smile.classification.OneVersusOne;
import smile.classification.OneVersusRest;
import smile.model.cart.OrdinalNode;
import smile.model.mlp.Layer;
import smile.model.mlp.MultilayerPerceptron;

/**
 * The one place that reads values Smile 6.3 keeps private: a split's threshold, a boosted model's
 * intercept and shrinkage, Platt scaling's coefficients and the machines inside multiclass wrappers. If a Smile upgrade renames or retypes them, export fails here with a clear
 * message instead of producing a wrong model.
 *
 * <p>Each read names its class and field as constants: a native image can read only the fields listed in
 * META-INF/native-image/dev.mlship/mlship/reachability-metadata.json, and a test checks every pair read
 * here against that list.
 */
public final class SmileInternals {
    private SmileInternals() {}

    /** The threshold of an ordinal split: x <= value goes to the true child. */
    public static double splitValue(OrdinalNode node) {
        return readDouble(OrdinalNode.class, "value", node);
    }

    /** The intercept b of a gradient-boosted classifier. */
    public static double intercept(smile.classification.GradientTreeBoost model) {
        return readDouble(smile.classification.GradientTreeBoost.class, "b", model);
    }

    /** The intercept b of a gradient-boosted regression model. */
    public static double intercept(smile.regression.GradientTreeBoost model) {
        return readDouble(smile.regression.GradientTreeBoost.class, "b", model);
    }

    public static double shrinkage(smile.classification.GradientTreeBoost model) {
        return readDouble(smile.classification.GradientTreeBoost.class, "shrinkage", model);
    }

    public static double shrinkage(smile.regression.GradientTreeBoost model) {
        return readDouble(smile.regression.GradientTreeBoost.class, "shrinkage", model);
    }

    /** Platt scaling's alpha and beta: p = 1 / (1 + exp(alpha * score + beta)). */
    public static double plattAlpha(PlattScaling platt) {
        return readDouble(PlattScaling.class, "alpha", platt);
    }

    public static double plattBeta(PlattScaling platt) {
        return readDouble(PlattScaling.class, "beta", platt);
    }

    /** The binary machines of a one-versus-rest or one-versus-one model ([k] or [k][i]). */
    public static Classifier<?>[] machines(OneVersusRest<?> model) {
        return (Classifier<?>[]) readObject(OneVersusRest.class, "classifiers", model);
    }

    public static Classifier<?>[][] machines(OneVersusOne<?> model) {
        return (Classifier<?>[][]) readObject(OneVersusOne.class, "classifiers", model);
    }

    /** Their Platt scalings, in the same layout. */
    public static PlattScaling[] plattScalings(OneVersusRest<?> model) {
        return (PlattScaling[]) readObject(OneVersusRest.class, "platt", model);
    }

    public static PlattScaling[][] plattScalings(OneVersusOne<?> model) {
        return (PlattScaling[][]) readObject(OneVersusOne.class, "platt", model);
    }

    /** A network's hidden layers, in order (Smile 6.3 keeps them in a protected field with no accessor). */
    public static Layer[] hiddenLayers(MultilayerPerceptron net) {
        return (Layer[]) readObject(MultilayerPerceptron.class, "net", net);
    }

    public static Layer outputLayer(MultilayerPerceptron net) {
        return (Layer) readObject(MultilayerPerceptron.class, "output", net);
    }

    public static Object readObject(Class<?> type, String name, Object target) {
        Object value = read(type, name, target, Object.class);
        if (value == null) {
            throw new MlshipException(ExitCode.PARITY, shapeChanged(type, name, "is not set"));
        }
        return value;
    }

    public static double readDouble(Class<?> type, String name, Object target) {
        return (Double) read(type, name, target, double.class);
    }

    /** The field's value; {@code expected} is its declared type (a primitive comes back boxed). */
    private static Object read(Class<?> type, String name, Object target, Class<?> expected) {
        try {
            Field f = type.getDeclaredField(name);
            if (expected.isPrimitive() ? f.getType() != expected : f.getType().isPrimitive()) {
                throw new MlshipException(ExitCode.PARITY, shapeChanged(type, name, "is now " + f.getType().getSimpleName()));
            }
            f.setAccessible(true);
            return f.get(target);
        } catch (NoSuchFieldException e) {
            throw new MlshipException(ExitCode.PARITY, shapeChanged(type, name, "no longer exists"), e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof MlshipException ee) {
                throw ee;
            }
            throw new MlshipException(ExitCode.PARITY, shapeChanged(type, name, "cannot be read (" + e + ")"), e);
        }
    }

    private static String shapeChanged(Class<?> type, String field, String problem) {
        return "cannot export: Smile's " + type.getName() + "." + field + " " + problem
                + "; this Smile version is not supported by the ONNX exporter";
    }
}
