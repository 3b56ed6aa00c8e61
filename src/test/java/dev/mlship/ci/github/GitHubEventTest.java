package dev.mlship.ci.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlship.ci.CiEvent;
import dev.mlship.ci.CiInputs;
import dev.mlship.ci.Fixtures;
import dev.mlship.ci.Mode;
import dev.mlship.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub's event and inputs as a Docker action receives them. */
class GitHubEventTest {
    static final String HEAD = "8f4b2c1d0e9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c";

    @TempDir
    Path dir;

    Map<String, String> env(String event, String payload) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_ACTIONS", "true", "GITHUB_EVENT_NAME", event,
                "GITHUB_REPOSITORY", "acme/credit-risk", "GITHUB_SHA", "e5bd3914e2e596debea16f433f57875b5b90bcd6",
                "GITHUB_EVENT_PATH", Files.writeString(dir.resolve(event + ".json"), payload).toString()));
        return env;
    }

    @Test
    void aPullRequestIsTaggedWithItsHeadNeverTheMergeCommit() throws Exception {
        CiEvent e = GitHubEvent.of(env("pull_request", Fixtures.load("github/pull_request-event.json",
                Map.of("head_owner", "acme", "head_sha", HEAD, "fork", "false"))));
        assertThat(e).isEqualTo(new CiEvent(CiEvent.Kind.REVIEW, 7, HEAD, null));
    }

    @Test
    void aForkIsReadOnly() throws Exception {
        CiEvent e = GitHubEvent.of(env("pull_request", Fixtures.load("github/pull_request-event.json",
                Map.of("head_owner", "someone", "head_sha", HEAD, "fork", "true"))));
        assertThat(e.readOnly()).isEqualTo("pull request from the fork someone/credit-risk");
    }

    @Test
    void onlyAPushToTheDefaultBranchPromotes() throws Exception {
        Map<String, String> main = env("push", Fixtures.load("github/push-event.json", Map.of("sha", HEAD)));
        main.put("GITHUB_REF", "refs/heads/main");
        assertThat(GitHubEvent.of(main)).isEqualTo(new CiEvent(CiEvent.Kind.DEFAULT_BRANCH, null, HEAD, null));
        main.put("GITHUB_REF", "refs/heads/feature");
        assertThat(GitHubEvent.of(main).kind()).isEqualTo(CiEvent.Kind.OTHER);
        assertThat(GitHubEvent.of(env("schedule", "{}")).kind()).isEqualTo(CiEvent.Kind.OTHER);
    }

    @Test
    void aPayloadThatIsNotJsonIsOneClearError() throws Exception {
        assertThatThrownBy(() -> GitHubEvent.of(env("pull_request", "<html>")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GITHUB_EVENT_PATH").hasMessageContaining("cannot be read as JSON");
        Map<String, String> missing = env("pull_request", "{}");
        missing.put("GITHUB_EVENT_PATH", dir.resolve("gone.json").toString());
        assertThatThrownBy(() -> GitHubEvent.of(missing)).isInstanceOf(ConfigException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> GitHubEvent.of(env("pull_request", "{\"action\": \"opened\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pull_request.head.sha");
    }

    @Test
    void inputsComeFromInputVariablesThenMlshipVariables() {
        CiInputs in = CiInputs.from(Map.of("INPUT_MODE", "Evaluate", "INPUT_COMMENT", "false", "MLSHIP_IMAGE", "ghcr.io/a/b",
                "INPUT_IMAGE", " ", "INPUT_FAIL_ON_GATE", "true"));
        assertThat(in.mode()).isEqualTo(Mode.EVALUATE);
        assertThat(in.comment()).isFalse();
        assertThat(in.image()).as("a blank input falls through").isEqualTo("ghcr.io/a/b");
        assertThatThrownBy(() -> CiInputs.from(Map.of("INPUT_COMMENT", "sometimes")))
                .hasMessage("input comment (INPUT_COMMENT): 'sometimes' is not a boolean; use true or false");
        assertThatThrownBy(() -> CiInputs.from(Map.of("MLSHIP_MODE", "deploy")))
                .hasMessage("variable MLSHIP_MODE: 'deploy' is not a mode; use auto, evaluate, promote or run");
    }

    @Test
    void workflowCommandsAndOutputsAreEscapedAsGitHubReadsThem() {
        assertThat(GitHubOutputs.data("50% of\nrows")).isEqualTo("50%25 of%0Arows");
        assertThat(GitHubOutputs.property("gate: auc, recall")).isEqualTo("gate%3A auc%2C recall");
        assertThat(GitHubOutputs.output("digest", "sha256:ab")).isEqualTo("digest=sha256:ab\n");
        assertThat(GitHubOutputs.output("notes", "a\nb")).matches("notes<<(mlship_[0-9a-f-]+)\na\nb\n\\1\n");
    }
}
