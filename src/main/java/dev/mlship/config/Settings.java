package dev.mlship.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A loaded and validated mlship.yaml: the spec and the file it came from. {@code locations} remembers the line of every key,
 * so that checks made later, against the data for instance, can still point at the line to fix.
 */
public record Settings(Path configFile, PipelineSpec spec, LocationIndex locations) {
    public Settings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(spec, "spec");
        locations = locations == null ? LocationIndex.EMPTY : locations;
    }

    /** Settings built in code, with no file lines to point at. */
    public Settings(Path configFile, PipelineSpec spec) {
        this(configFile, spec, LocationIndex.EMPTY);
    }

    /** The training data: {@code data.path} resolved against the folder of the config file. */
    public Path dataPath() {
        if (spec.data() == null || spec.data().path() == null) {
            throw error("data.path", "is required: the CSV or Parquet file (or folder or glob of parts) to train on, relative to this file");
        }
        Path folder = configFile.getParent();
        Path data = Path.of(spec.data().path());
        return (folder == null ? data : folder.resolve(data)).normalize();
    }

    /**
     * An error about the value at {@code keyPath} (such as {@code data.features[2]}), as one line naming
     * this file and the line of that key, or of the closest enclosing key when it was not written.
     */
    public ConfigException error(String keyPath, String problem) {
        return new ConfigException(where(keyPath) + ": " + ConfigMessages.oneLine(problem));
    }

    /** "mlship.yaml line 12, model.params.max_depth": the place of a key, to start a message about it. */
    public String where(String keyPath) {
        return ConfigMessages.where(configFile, locations.nearestLine(keyPath), 0, keyPath);
    }
}
