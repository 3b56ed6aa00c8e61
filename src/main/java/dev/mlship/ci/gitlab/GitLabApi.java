package dev.mlship.ci.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.ci.RestClient;
import dev.mlship.ci.ReviewThread;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GitLab REST (v4) calls mlship makes: the merge request a commit merged, and a merge request's
 * notes (list with pagination, create, update), with a {@code PRIVATE-TOKEN} that may post notes
 * (a project access token with api scope; CI_JOB_TOKEN cannot).
 */
public final class GitLabApi {
    private final String api;
    private final String project;
    private final RestClient rest;
    private String userId;

    public GitLabApi(String apiUrl, String projectId, String token, int attempts, Duration backoff, Duration maxWait) {
        this.api = apiUrl.replaceFirst("/+$", "");
        this.project = URLEncoder.encode(projectId, StandardCharsets.UTF_8);
        this.rest = new RestClient("GitLab API", Map.of("PRIVATE-TOKEN", token, "User-Agent", "mlship"), attempts, backoff,
                maxWait);
    }

    /** The head commit of the merged merge request whose merge (or squash) commit is {@code sha}. */
    public Optional<String> mergedRequestHead(String sha) {
        JsonNode mrs = rest.expect(rest.get(api + "/projects/" + project + "/repository/commits/" + sha + "/merge_requests"),
                "list the merge requests of commit " + sha).json();
        JsonNode best = null;
        for (JsonNode mr : mrs) {
            if ("merged".equals(mr.path("state").asText())) {
                if (sha.equals(mr.path("merge_commit_sha").asText()) || sha.equals(mr.path("squash_commit_sha").asText())) {
                    best = mr;
                    break;
                }
                best = best == null ? mr : best;
            }
        }
        return best == null ? Optional.empty() : Optional.ofNullable(best.path("sha").asText(null));
    }

    public ReviewThread thread(int iid) {
        String notes = api + "/projects/" + project + "/merge_requests/" + iid + "/notes";
        return new ReviewThread() {
            @Override
            public List<Comment> comments() {
                String me = userId();
                List<Comment> out = new ArrayList<>();
                for (JsonNode n : rest.all(notes + "?sort=asc&order_by=created_at&per_page=100",
                        "list the notes of merge request !" + iid)) {
                    if (!n.path("system").asBoolean()) { // "added 1 commit" and the like
                        out.add(new Comment(n.path("id").asText(), n.path("body").asText(""), me.equals(n.at("/author/id").asText())));
                    }
                }
                return out;
            }

            @Override
            public void create(String body) {
                rest.expect(rest.send("POST", notes, Map.of("body", body)), "add a note to merge request !" + iid);
            }

            @Override
            public void update(String id, String body) {
                rest.expect(rest.send("PUT", notes + "/" + id, Map.of("body", body)),
                        "update note " + id + " of merge request !" + iid);
            }
        };
    }

    /** The id of the token's own user (a project access token has a bot user of its own). */
    private String userId() {
        if (userId == null) {
            userId = rest.expect(rest.get(api + "/user"), "tell whose token this is (GET /user)").json().path("id").asText();
        }
        return userId;
    }
}
