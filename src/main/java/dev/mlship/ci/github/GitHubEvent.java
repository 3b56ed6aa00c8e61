package dev.mlship.ci.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.ci.CiEvent;
import dev.mlship.config.ConfigException;
import dev.mlship.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads GitHub's event: {@code GITHUB_EVENT_NAME} and the webhook payload at {@code GITHUB_EVENT_PATH}.
 * A pull request's candidate is its head commit from the payload, never {@code GITHUB_SHA} (a temporary
 * merge commit that no later push can find).
 */
final class GitHubEvent {
    private GitHubEvent() {}

    static CiEvent of(Map<String, String> env) {
        String name = env.getOrDefault("GITHUB_EVENT_NAME", "");
        JsonNode payload = payload(env.get("GITHUB_EVENT_PATH"));
        String sha = env.get("GITHUB_SHA");
        if (name.equals("pull_request")) {
            JsonNode pr = payload.path("pull_request");
            String head = pr.at("/head/sha").asText(null);
            if (head == null || pr.path("number").isMissingNode()) {
                throw new ConfigException("GITHUB_EVENT_PATH: the pull_request payload has no pull_request.number or"
                        + " pull_request.head.sha; is this file GitHub's event payload?");
            }
            String headRepo = pr.at("/head/repo/full_name").asText(null);
            String baseRepo = pr.at("/base/repo/full_name").asText(env.get("GITHUB_REPOSITORY"));
            boolean fork = headRepo == null || !headRepo.equals(baseRepo);
            String readOnly = fork ? "pull request from the fork " + (headRepo == null ? "(deleted)" : headRepo) : null;
            return new CiEvent(CiEvent.Kind.REVIEW, pr.path("number").asInt(), head, readOnly);
        }
        String defaultBranch = payload.at("/repository/default_branch").asText(null);
        String ref = env.getOrDefault("GITHUB_REF", payload.path("ref").asText(""));
        if (name.equals("push") && defaultBranch != null && ref.equals("refs/heads/" + defaultBranch)) {
            return new CiEvent(CiEvent.Kind.DEFAULT_BRANCH, null, payload.path("after").asText(sha), null);
        }
        return CiEvent.other(sha);
    }

    private static JsonNode payload(String path) {
        if (path == null || path.isBlank()) {
            return Json.mapper().missingNode();
        }
        try {
            return Json.mapper().readTree(Files.readAllBytes(Path.of(path)));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("GITHUB_EVENT_PATH " + path + ": no such file; it names the event payload the runner"
                    + " writes (run mlship ci inside the GitHub Action, or unset GITHUB_ACTIONS)");
        } catch (IOException e) {
            throw new ConfigException("GITHUB_EVENT_PATH " + path + ": cannot be read as JSON (" + e.getMessage() + ")");
        }
    }
}
