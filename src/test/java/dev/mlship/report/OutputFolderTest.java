package dev.mlship.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlship.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
    @TempDir
    Path dir;

    @Test
    void replacesThePreviousSetAsAWhole() throws Exception {
        Path out = dir.resolve("out");
        OutputFolder folder = new OutputFolder(out, Set.of("a.json", "b.md"));
        folder.write(Map.of("a.json", "1".getBytes(), "b.md", "x".getBytes()));
        folder.write(Map.of("a.json", "2".getBytes()));

        assertThat(Files.readString(out.resolve("a.json"))).isEqualTo("2");
        assertThat(out.resolve("b.md")).doesNotExist();
        try (var siblings = Files.list(dir)) {
            assertThat(siblings).containsExactly(out); // no staging or old folder left behind
        }
    }

    @Test
    void refusesAFolderWithFilesItDidNotWrite() throws Exception {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("thesis.tex"), "precious");

        assertThatThrownBy(() -> new OutputFolder(out, Set.of("a.json")).write(Map.of("a.json", new byte[0])))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("thesis.tex");
        assertThat(Files.readString(out.resolve("thesis.tex"))).isEqualTo("precious");
    }

    @Test
    void aFailedWriteKeepsThePreviousOutputs() throws Exception {
        Path out = dir.resolve("out");
        OutputFolder folder = new OutputFolder(out, Set.of("a.json", "sub"));
        folder.write(Map.of("a.json", "old".getBytes()));
        Map<String, byte[]> broken = new LinkedHashMap<>();
        broken.put("a.json", "new".getBytes());
        broken.put("sub/b.json", "cannot write: no such folder".getBytes());

        assertThatThrownBy(() -> folder.write(broken)).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(Files.readString(out.resolve("a.json"))).isEqualTo("old");
        try (var siblings = Files.list(dir)) {
            assertThat(siblings).containsExactly(out);
        }
    }
}
