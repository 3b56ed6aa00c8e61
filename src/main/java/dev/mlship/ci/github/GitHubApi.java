package dev.mlship.ci.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.ci.RestClient;
import dev.mlship.ci.ReviewThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GitHub REST calls mlship makes: the pull request a commit merged, and a pull request's issue
 * comments (list with {@code Link} pagination, create, update).
 */
public final class GitHubApi {
    /** The account the Actions GITHUB_TOKEN writes as; {@code GET /user} answers 403 for that token. */
    static final String ACTIONS_BOT = "github-actions[bot]";

    private final String api;
    private final String repository;
    private final String token;
    private final RestClient rest;
    private String login;

    public GitHubApi(String apiUrl, String repository, String token, int attempts, Duration backoff, Duration maxWait) {
        this.api = apiUrl.replaceFirst("/+$", "");
        this.repository = repository;
        this.token = token;
        this.rest = new RestClient("GitHub API", Map.of(
                "Authorization", "Bearer " + token,
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28",
                "User-Agent", "mlship"), attempts, backoff, maxWait);
    }

    /** The head commit of the merged pull request whose merge (or squash / rebase) produced {@code sha}. */
    public Optional<String> mergedPullHead(String sha) {
        JsonNode pulls = rest.expect(rest.get(api + "/repos/" + repository + "/commits/" + sha + "/pulls"),
                "list the pull requests of commit " + sha).json();
        JsonNode best = null;
        for (JsonNode pr : pulls) {
            if (pr.path("merged_at").isTextual()) {
                if (sha.equals(pr.path("merge_commit_sha").asText())) {
                    best = pr;
                    break;
                }
                best = best == null ? pr : best;
            }
        }
        return best == null ? Optional.empty() : Optional.ofNullable(best.at("/head/sha").asText(null));
    }

    public ReviewThread thread(int number) {
        return new ReviewThread() {
            @Override
            public List<Comment> comments() {
                String me = login();
                List<Comment> out = new ArrayList<>();
                for (JsonNode c : rest.all(api + "/repos/" + repository + "/issues/" + number + "/comments?per_page=100",
                        "list the comments of pull request #" + number)) {
                    out.add(new Comment(c.path("id").asText(), c.path("body").asText(""), me.equals(c.at("/user/login").asText())));
                }
                return out;
            }

            @Override
            public void create(String body) {
                rest.expect(rest.send("POST", api + "/repos/" + repository + "/issues/" + number + "/comments",
                        Map.of("body", body)), "comment on pull request #" + number);
            }

            @Override
            public void update(String id, String body) {
                rest.expect(rest.send("PATCH", api + "/repos/" + repository + "/issues/comments/" + id, Map.of("body", body)),
                        "update comment " + id + " on pull request #" + number);
            }
        };
    }

    /**
     * The login the token writes as. The Actions token (an app installation token, {@code ghs_}) is
     * github-actions[bot] and cannot call {@code GET /user}; other tokens ask.
     */
    String login() {
        if (login == null) {
            if (token.startsWith("ghs_")) {
                login = ACTIONS_BOT;
            } else {
                RestClient.Response r = rest.get(api + "/user");
                login = r.status() == 403 ? ACTIONS_BOT : rest.expect(r, "tell whose token this is (GET /user)").json()
                        .path("login").asText();
            }
        }
        return login;
    }
}
