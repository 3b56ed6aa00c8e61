package dev.mlship.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeLibrariesTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(OnnxRuntimeLibraries.PROPERTY);
        System.clearProperty(OnnxRuntimeLibraries.PROPERTY);
    }

    @AfterEach
    void restore() {
        // Other tests in this JVM load ONNX Runtime: never leave it pointed at a test folder.
        if (before == null) {
            System.clearProperty(OnnxRuntimeLibraries.PROPERTY);
        } else {
            System.setProperty(OnnxRuntimeLibraries.PROPERTY, before);
        }
    }

    @Test
    void aFolderHoldingTheRuntimeLibraryIsUsed(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("libonnxruntime.so"));

        assertThat(OnnxRuntimeLibraries.preferInstalled(dir.toString())).isTrue();
        assertThat(System.getProperty(OnnxRuntimeLibraries.PROPERTY)).isEqualTo(dir.toString());
    }

    @Test
    void aFolderWithoutTheLibraryIsIgnoredSoTheJarCopyStillLoads(@TempDir Path dir) {
        assertThat(OnnxRuntimeLibraries.preferInstalled(dir.toString())).isFalse();
        assertThat(OnnxRuntimeLibraries.preferInstalled(null)).isFalse();
        assertThat(System.getProperty(OnnxRuntimeLibraries.PROPERTY)).isNull();
    }

    @Test
    void anExplicitPropertyWins(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("libonnxruntime.so"));
        System.setProperty(OnnxRuntimeLibraries.PROPERTY, "/elsewhere");

        assertThat(OnnxRuntimeLibraries.preferInstalled(dir.toString())).isFalse();
        assertThat(System.getProperty(OnnxRuntimeLibraries.PROPERTY)).isEqualTo("/elsewhere");
    }
}
