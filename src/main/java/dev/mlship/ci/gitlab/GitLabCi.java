package dev.mlship.ci.gitlab;

import dev.mlship.ci.CiEvent;
import dev.mlship.ci.CiInputs;
import dev.mlship.ci.Forge;
import dev.mlship.ci.JobOutputs;
import dev.mlship.ci.RetrySettings;
import dev.mlship.ci.ReviewThread;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A job in GitLab CI ({@code GITLAB_CI=true}). */
public final class GitLabCi implements Forge {
    private final Map<String, String> env;
    private final CiEvent event;
    private final String token;
    private final RetrySettings retry;
    private final GitLabOutputs outputs;
    private GitLabApi api;

    public GitLabCi(Map<String, String> env, CiInputs inputs, PrintWriter out, RetrySettings retry) {
        this.env = env;
        this.event = GitLabEvent.of(env);
        this.token = inputs.gitlabToken();
        this.retry = retry;
        // The template's artifacts read mlship.env and metrics.txt from the job's own folder.
        this.outputs = new GitLabOutputs(out, Path.of(""));
    }

    public static boolean detect(Map<String, String> env) {
        return "true".equals(env.get("GITLAB_CI"));
    }

    @Override
    public String name() {
        return "GitLab CI";
    }

    @Override
    public CiEvent event() {
        return event;
    }

    @Override
    public Optional<String> mergedRequestHead(String commit) {
        // Listing a public project's merge requests needs no note-writing token; CI_JOB_TOKEN cannot call it.
        if (token == null || env.get("CI_PROJECT_ID") == null) {
            return Optional.empty();
        }
        return api().mergedRequestHead(commit);
    }

    @Override
    public Optional<ReviewThread> reviewThread(Consumer<String> why) {
        if (event.request() == null) {
            return Optional.empty();
        }
        if (token == null) {
            why.accept("no merge request note: set MLSHIP_GITLAB_TOKEN to a project access token with api scope"
                    + " (CI_JOB_TOKEN cannot post notes)");
            return Optional.empty();
        }
        return Optional.of(api().thread(event.request()));
    }

    @Override
    public JobOutputs outputs() {
        return outputs;
    }

    /** The project's own registry, which every job can push to with CI_REGISTRY_USER / CI_REGISTRY_PASSWORD. */
    @Override
    public Optional<String> defaultImage(String pipelineName) {
        String image = env.get("CI_REGISTRY_IMAGE");
        return image == null || image.isBlank() ? Optional.empty() : Optional.of(image + "/" + pipelineName);
    }

    private GitLabApi api() {
        if (api == null) {
            String url = env.getOrDefault("CI_API_V4_URL", env.getOrDefault("CI_SERVER_URL", "https://gitlab.com") + "/api/v4");
            api = new GitLabApi(url, env.get("CI_PROJECT_ID"), token, retry.attempts(), retry.backoff(), retry.maxWait());
        }
        return api;
    }
}
