package dev.mlship.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageLogTest {
    private static String log(Map<String, String> env) {
        StringWriter out = new StringWriter();
        StageLog log = StageLog.forEnvironment(new PrintWriter(out), env);
        log.stage("train", () -> {
            log.info("fold 1/5");
            return null;
        });
        assertThat(log.timingsMs()).containsKey("train");
        return out.toString();
    }

    @Test
    void githubActionsFoldsEachStage() {
        assertThat(log(Map.of("GITHUB_ACTIONS", "true"))).startsWith("::group::train\n  fold 1/5\n::endgroup::\n[train] ");
    }

    @Test
    void elsewhereEachStageEndsWithItsTime() {
        assertThat(log(Map.of())).doesNotContain("::group::").matches("(?s)  fold 1/5\n\\[train\\] \\d+\\.\\d s\n");
    }
}
