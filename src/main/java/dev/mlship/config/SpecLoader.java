package dev.mlship.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads mlship.yaml (or a folder holding one) into validated {@link Settings}. */
public final class SpecLoader {
    public static final String FILE_NAME = "mlship.yaml";
    static final int MAX_BYTES = 1024 * 1024;

    private SpecLoader() {}

    /**
     * Loads the config file, or {@code <dir>/mlship.yaml} for a folder. Every problem is a
     * {@link ConfigException} whose message is one line naming the file, the line and the key.
     */
    public static Settings load(Path configOrDir) {
        Settings settings = bind(configOrDir);
        SpecValidator.validate(settings);
        return settings;
    }

    /**
     * Every problem of the config, one line each in file order; empty when it would load. A file that
     * cannot be read, parsed or bound yields its one error, since nothing after it can be checked.
     */
    public static List<String> problems(Path configOrDir) {
        Settings bound;
        try {
            bound = bind(configOrDir);
        } catch (ConfigException e) {
            return List.of(e.getMessage());
        }
        return SpecValidator.problems(bound);
    }

    /** Parsed and bound, with no semantic checks yet: what {@link SpecValidator#problems} takes. */
    static Settings bind(Path configOrDir) {
        Path file = locate(configOrDir);
        YamlOutline.Outline outline = YamlOutline.read(file, read(file));
        return new Settings(file, SpecBinder.bind(file, outline), outline.index());
    }

    private static Path locate(Path configOrDir) {
        if (configOrDir == null) {
            throw new ConfigException("no config given: pass the path of mlship.yaml or of the folder holding it");
        }
        if (Files.isDirectory(configOrDir)) {
            Path file = configOrDir.resolve(FILE_NAME).normalize();
            if (!Files.exists(file)) {
                throw new ConfigException(configOrDir + ": folder has no " + FILE_NAME
                        + "; create one there or pass the path of the config file");
            }
            return file;
        }
        if (!Files.exists(configOrDir)) {
            throw new ConfigException(configOrDir + ": no such file; pass the path of " + FILE_NAME
                    + " or of the folder holding it");
        }
        return configOrDir;
    }

    private static String read(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(file + ": is not a regular file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(file + ": is " + Files.size(file) + " bytes; " + FILE_NAME
                        + " is limited to 1 MB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        String text = decode(file, bytes);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String decode(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ConfigException(ConfigMessages.format(file, line, "", "is not UTF-8 text; save the file as UTF-8"));
        }
        return out.flip().toString();
    }
}
