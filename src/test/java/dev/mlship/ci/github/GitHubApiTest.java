package dev.mlship.ci.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.mlship.ci.Fixtures.array;
import static dev.mlship.ci.Fixtures.githubComment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mlship.ExitCode;
import dev.mlship.ci.Fixtures;
import dev.mlship.ci.ForbiddenException;
import dev.mlship.ci.StickyComment;
import dev.mlship.image.RemoteException;
import dev.mlship.report.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GitHub calls against WireMock, answering with the bodies GitHub's docs show. */
class GitHubApiTest {
    static final String MARKER = "<!-- mlship:credit-risk -->";
    static final String COMMENTS = "/repos/acme/credit-risk/issues/7/comments";

    WireMockServer github;

    @BeforeEach
    void start() {
        github = new WireMockServer(options().dynamicPort());
        github.start();
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    GitHubApi api(String token) {
        return new GitHubApi(github.baseUrl(), "acme/credit-risk", token, 4, Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    @Test
    void updatesItsOwnMarkedCommentOnTheSecondPageAndNeverAPersonsQuote() throws Exception {
        github.stubFor(get("/user").willReturn(json(200, Fixtures.load("github/user.json", Map.of()))));
        String next = github.baseUrl() + COMMENTS + "?per_page=100&page=2";
        github.stubFor(get(COMMENTS + "?per_page=100").willReturn(json(200, array(
                githubComment(11, "Why did AUC drop? The bot said:\n> " + MARKER + "\n> auc 0.85", "octocat", "User"),
                githubComment(12, "LGTM", "hubot", "User")))
                .withHeader("Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\"")));
        github.stubFor(get(COMMENTS + "?per_page=100&page=2").willReturn(json(200, array(
                githubComment(21, MARKER + "\nold report", "ml-release-bot", "User")))));
        github.stubFor(patch("/repos/acme/credit-risk/issues/comments/21").willReturn(json(200,
                githubComment(21, MARKER + "\nnew report", "ml-release-bot", "User"))));

        var outcome = StickyComment.upsert(api("ghp_16C7e42F292c6912E7710c838347Ae178B4a").thread(7), MARKER, MARKER + "\nnew report");

        assertThat(outcome).isEqualTo(StickyComment.Outcome.UPDATED);
        github.verify(1, patchRequestedFor(urlEqualTo("/repos/acme/credit-risk/issues/comments/21"))
                .withHeader("Authorization", equalTo("Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withRequestBody(equalToJson(json(Map.of("body", MARKER + "\nnew report")))));
        github.verify(0, patchRequestedFor(urlEqualTo("/repos/acme/credit-risk/issues/comments/11")));
        github.verify(0, postRequestedFor(urlPathEqualTo(COMMENTS)));
        github.verify(1, getRequestedFor(urlEqualTo(COMMENTS + "?per_page=100&page=2")));
    }

    @Test
    void createsACommentWhenOnlyOthersCarryTheMarker_andTheActionsTokenNeverAsksWhoItIs() throws Exception {
        github.stubFor(get(COMMENTS + "?per_page=100").willReturn(json(200, array(
                githubComment(11, "quoting " + MARKER, "octocat", "User"),
                githubComment(12, "coverage report", "github-actions[bot]", "Bot")))));
        github.stubFor(post(COMMENTS).willReturn(json(201, githubComment(30, MARKER + "\nreport", "github-actions[bot]", "Bot"))));

        var outcome = StickyComment.upsert(api("ghs_16C7e42F292c6912E7710c838347Ae178B4a").thread(7), MARKER, MARKER + "\nreport");

        assertThat(outcome).isEqualTo(StickyComment.Outcome.CREATED);
        github.verify(1, postRequestedFor(urlEqualTo(COMMENTS))
                .withHeader("Authorization", equalTo("Bearer ghs_16C7e42F292c6912E7710c838347Ae178B4a"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(json(Map.of("body", MARKER + "\nreport")))));
        github.verify(0, getRequestedFor(urlEqualTo("/user")));
        github.verify(0, patchRequestedFor(urlPathEqualTo("/repos/acme/credit-risk/issues/comments/11")));
    }

    @Test
    void aTokenThatGetUserRefusesWritesAsTheActionsBot() throws Exception {
        github.stubFor(get("/user").willReturn(json(403, Fixtures.load("github/forbidden.json", Map.of()))));
        github.stubFor(get(COMMENTS + "?per_page=100").willReturn(json(200, array(
                githubComment(31, MARKER + "\nold", "github-actions[bot]", "Bot")))));
        github.stubFor(patch("/repos/acme/credit-risk/issues/comments/31").willReturn(json(200,
                githubComment(31, MARKER + "\nnew", "github-actions[bot]", "Bot"))));

        var outcome = StickyComment.upsert(api("v1.0123456789abcdef").thread(7), MARKER, MARKER + "\nnew");

        assertThat(outcome).isEqualTo(StickyComment.Outcome.UPDATED);
        github.verify(1, getRequestedFor(urlEqualTo("/user")).withHeader("Authorization", equalTo("Bearer v1.0123456789abcdef")));
        github.verify(1, patchRequestedFor(urlEqualTo("/repos/acme/credit-risk/issues/comments/31"))
                .withRequestBody(equalToJson(json(Map.of("body", MARKER + "\nnew")))));
    }

    @Test
    void waitsOutRateLimitsAndServerErrors() {
        // The reset is already past, so the 403 waits nothing and the backoff of 10 ms doubles a few times:
        // only honouring Retry-After explains two seconds. (A reset a second ahead would wait up to a second.)
        String reset = Long.toString(Instant.now().getEpochSecond() - 60);
        github.stubFor(get(COMMENTS + "?per_page=100").inScenario("limits").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, Fixtures.load("github/rate-limited.json", Map.of())).withHeader("Retry-After", "2"))
                .willSetStateTo("secondary"));
        github.stubFor(get(COMMENTS + "?per_page=100").inScenario("limits").whenScenarioStateIs("secondary")
                .willReturn(json(403, Fixtures.load("github/rate-limited.json", Map.of()))
                        .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", reset))
                .willSetStateTo("broken"));
        github.stubFor(get(COMMENTS + "?per_page=100").inScenario("limits").whenScenarioStateIs("broken")
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")).willSetStateTo("fine"));
        github.stubFor(get(COMMENTS + "?per_page=100").inScenario("limits").whenScenarioStateIs("fine")
                .willReturn(json(200, array(githubComment(40, MARKER, "github-actions[bot]", "Bot")))));

        long start = System.nanoTime();
        var comments = api("ghs_x").thread(7).comments();

        assertThat(comments).singleElement().satisfies(c -> assertThat(c.mine()).isTrue());
        github.verify(4, getRequestedFor(urlEqualTo(COMMENTS + "?per_page=100")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Retry-After: 2 was honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void waitsUntilTheRateLimitResets() {
        // Epoch seconds, two ahead: a wait of one to two seconds, which a backoff of 10 ms cannot explain.
        String reset = Long.toString(Instant.now().getEpochSecond() + 2);
        github.stubFor(get(COMMENTS + "?per_page=100").inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(403, Fixtures.load("github/rate-limited.json", Map.of()))
                        .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", reset))
                .willSetStateTo("fine"));
        github.stubFor(get(COMMENTS + "?per_page=100").inScenario("reset").whenScenarioStateIs("fine")
                .willReturn(json(200, "[]")));

        long start = System.nanoTime();
        var comments = api("ghs_x").thread(7).comments();

        assertThat(comments).isEmpty();
        github.verify(2, getRequestedFor(urlEqualTo(COMMENTS + "?per_page=100")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("x-ratelimit-reset was waited for")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void givesUpAfterBoundedAttemptsWithOneLineAndExitCode4() {
        github.stubFor(get(COMMENTS + "?per_page=100").willReturn(aResponse().withStatus(503)
                .withBody("{\"message\": \"Service Unavailable\"}")));

        assertThatThrownBy(() -> api("ghs_x").thread(7).comments())
                .isInstanceOf(RemoteException.class)
                .satisfies(e -> assertThat(((RemoteException) e).exitCode()).isEqualTo(ExitCode.REMOTE))
                .hasMessage("GitHub API refused to list the comments of pull request #7: HTTP 503 (Service Unavailable)");
        github.verify(4, getRequestedFor(urlEqualTo(COMMENTS + "?per_page=100")));
    }

    @Test
    void aReadOnlyTokenIsForbiddenToComment() {
        github.stubFor(get(COMMENTS + "?per_page=100").willReturn(json(200, "[]")));
        github.stubFor(post(COMMENTS).willReturn(json(403, Fixtures.load("github/forbidden.json", Map.of()))));

        assertThatThrownBy(() -> StickyComment.upsert(api("ghs_x").thread(7), MARKER, MARKER + "\nreport"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("HTTP 403 (Resource not accessible by integration)");
        github.verify(1, postRequestedFor(urlEqualTo(COMMENTS)));
    }

    @Test
    void findsTheHeadOfThePullRequestACommitMerged() {
        String merge = "e5bd3914e2e596debea16f433f57875b5b90bcd6";
        String head = "8f4b2c1d0e9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c";
        github.stubFor(get("/repos/acme/credit-risk/commits/" + merge + "/pulls").willReturn(json(200,
                Fixtures.load("github/commit-pulls.json", Map.of("merge_sha", merge, "head_sha", head)))));
        github.stubFor(get("/repos/acme/credit-risk/commits/" + head + "/pulls").willReturn(json(200, "[]")));

        assertThat(api("ghs_x").mergedPullHead(merge)).contains(head);
        assertThat(api("ghs_x").mergedPullHead(head)).isEmpty();
        github.verify(getRequestedFor(urlEqualTo("/repos/acme/credit-risk/commits/" + merge + "/pulls"))
                .withHeader("Accept", equalTo("application/vnd.github+json")));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    static String json(Object value) throws Exception {
        return Json.mapper().writeValueAsString(value);
    }
}
