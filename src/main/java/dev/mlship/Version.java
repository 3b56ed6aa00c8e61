package dev.mlship;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of mlship and of the libraries it embeds, for --version and the model card. */
public final class Version {
    /** mlship's own version, filled in by the build into mlship-version.properties. */
    public static final String MLSHIP = read("version");

    /** The Smile version this build was compiled against. */
    public static final String SMILE = read("smile");

    /** The ONNX Runtime version this build was compiled against. */
    public static final String ONNXRUNTIME = read("onnxruntime");

    /** The XGBoost4J version this build was compiled against. */
    public static final String XGBOOST = read("xgboost");

    private Version() {}

    private static String read(String key) {
        try (InputStream in = Version.class.getResourceAsStream("/mlship-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
