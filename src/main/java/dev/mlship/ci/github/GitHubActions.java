package dev.mlship.ci.github;

import dev.mlship.ci.CiEvent;
import dev.mlship.ci.CiInputs;
import dev.mlship.ci.Forge;
import dev.mlship.ci.JobOutputs;
import dev.mlship.ci.ReviewThread;
import dev.mlship.ci.RetrySettings;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A job in GitHub Actions ({@code GITHUB_ACTIONS=true}). */
public final class GitHubActions implements Forge {
    private final Map<String, String> env;
    private final CiEvent event;
    private final String token;
    private final RetrySettings retry;
    private final GitHubOutputs outputs;
    private GitHubApi api;

    public GitHubActions(Map<String, String> env, CiInputs inputs, PrintWriter out, RetrySettings retry) {
        this.env = env;
        this.event = GitHubEvent.of(env);
        this.token = inputs.githubToken() != null ? inputs.githubToken() : blankToNull(env.get("GITHUB_TOKEN"));
        this.retry = retry;
        this.outputs = new GitHubOutputs(out, env);
    }

    public static boolean detect(Map<String, String> env) {
        return "true".equals(env.get("GITHUB_ACTIONS"));
    }

    @Override
    public String name() {
        return "GitHub Actions";
    }

    @Override
    public CiEvent event() {
        return event;
    }

    @Override
    public Optional<String> mergedRequestHead(String commit) {
        if (token == null || env.get("GITHUB_REPOSITORY") == null) {
            return Optional.empty();
        }
        return api().mergedPullHead(commit);
    }

    @Override
    public Optional<ReviewThread> reviewThread(Consumer<String> why) {
        if (event.request() == null) {
            return Optional.empty();
        }
        if (token == null) {
            why.accept("no comment: no GitHub token (set the github_token input, by default ${{ github.token }})");
            return Optional.empty();
        }
        return Optional.of(api().thread(event.request()));
    }

    @Override
    public JobOutputs outputs() {
        return outputs;
    }

    private GitHubApi api() {
        if (api == null) {
            api = new GitHubApi(env.getOrDefault("GITHUB_API_URL", "https://api.github.com"), env.get("GITHUB_REPOSITORY"), token,
                    retry.attempts(), retry.backoff(), retry.maxWait());
        }
        return api;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
