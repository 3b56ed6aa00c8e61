package dev.mlship.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootFileSystemTest {
    @TempDir
    Path dir;

    @Test
    void anUpperLayersWhiteoutsRemoveWhatLowerLayersPutThereAndAreNotExtracted() throws Exception {
        Path lower = layer("lower.tar.gz", Map.of("etc/keep", "k", "etc/gone", "g", "opt/app/old.jar", "o",
                "opt/app/lib/dep.jar", "d"));
        Path upper = layer("upper.tar.gz", Map.of("etc/.wh.gone", "", "opt/app/.wh..wh..opq", "", "opt/app/new.jar", "n"));

        Path root = dir.resolve("root");
        RootFileSystem.unpack(List.of(lower, upper), root);

        assertThat(files(root)).containsExactlyInAnyOrder("etc/keep", "opt/app/new.jar");
        assertThat(root.resolve("etc/keep")).hasContent("k");
    }

    @Test
    void aWhiteoutCannotReachOutsideTheRoot() throws Exception {
        Files.writeString(dir.resolve("outside"), "stays");
        Path evil = layer("evil.tar.gz", Map.of("../.wh.outside", ""));

        Path root = Files.createDirectories(dir.resolve("root"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RootFileSystem.applyWhiteouts(evil, root))
                .isInstanceOf(IOException.class).hasMessageContaining("outside the root");
        assertThat(dir.resolve("outside")).hasContent("stays");
    }

    Path layer(String name, Map<String, String> files) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
        }
    }
}
