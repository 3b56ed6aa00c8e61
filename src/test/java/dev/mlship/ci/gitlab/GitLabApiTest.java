package dev.mlship.ci.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.mlship.ci.Fixtures.array;
import static dev.mlship.ci.Fixtures.gitlabNote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mlship.ci.Fixtures;
import dev.mlship.ci.ForbiddenException;
import dev.mlship.ci.StickyComment;
import dev.mlship.report.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GitLab calls against WireMock, answering with the bodies GitLab's API docs show. */
class GitLabApiTest {
    static final String MARKER = "<!-- mlship:credit-risk -->";
    static final String NOTES = "/api/v4/projects/42/merge_requests/12/notes";
    static final String LIST = NOTES + "?sort=asc&order_by=created_at&per_page=100";
    static final String TOKEN = "glpat-Xy7kQ2mN4pR8sT1vW3zA";

    WireMockServer gitlab;

    @BeforeEach
    void start() {
        gitlab = new WireMockServer(options().dynamicPort());
        gitlab.start();
        gitlab.stubFor(get("/api/v4/user").willReturn(json(200, Fixtures.load("gitlab/user.json", Map.of()))));
    }

    @AfterEach
    void stop() {
        gitlab.stop();
    }

    GitLabApi api() {
        return new GitLabApi(gitlab.baseUrl() + "/api/v4", "42", TOKEN, 3, Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    @Test
    void updatesItsOwnNoteOnTheSecondPage_notAPersonsQuoteNorASystemNote() throws Exception {
        String page2 = gitlab.baseUrl() + LIST + "&page=2";
        gitlab.stubFor(get(LIST).willReturn(json(200, array(
                gitlabNote(501, "added 1 commit", 301, "project_42_bot_3f8a", true),
                gitlabNote(502, "The bot wrote " + MARKER + " — is the drop real?", 7, "ada", false)))
                .withHeader("X-Next-Page", "2").withHeader("X-Page", "1").withHeader("X-Total-Pages", "2")
                .withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + gitlab.baseUrl() + LIST + "&page=1>; rel=\"first\"")));
        gitlab.stubFor(get(LIST + "&page=2").willReturn(json(200, array(
                gitlabNote(503, MARKER + "\nold report", 301, "project_42_bot_3f8a", false)))
                .withHeader("X-Next-Page", "").withHeader("X-Page", "2")));
        gitlab.stubFor(put(NOTES + "/503").willReturn(json(200, gitlabNote(503, MARKER + "\nnew", 301, "project_42_bot_3f8a", false))));

        var outcome = StickyComment.upsert(api().thread(12), MARKER, MARKER + "\nnew");

        assertThat(outcome).isEqualTo(StickyComment.Outcome.UPDATED);
        gitlab.verify(1, putRequestedFor(urlEqualTo(NOTES + "/503")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson(Json.mapper().writeValueAsString(Map.of("body", MARKER + "\nnew")))));
        gitlab.verify(0, putRequestedFor(urlEqualTo(NOTES + "/502")));
        gitlab.verify(0, putRequestedFor(urlEqualTo(NOTES + "/501")));
        gitlab.verify(0, postRequestedFor(urlPathEqualTo(NOTES)));
        gitlab.verify(1, getRequestedFor(urlEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
    }

    @Test
    void createsANoteWhenNoneOfItsOwnCarriesTheMarker() throws Exception {
        gitlab.stubFor(get(LIST).willReturn(json(200, array(
                gitlabNote(502, "quoting " + MARKER, 7, "ada", false),
                gitlabNote(504, "coverage 81 %", 301, "project_42_bot_3f8a", false)))));
        gitlab.stubFor(post(NOTES).willReturn(json(201, gitlabNote(505, MARKER + "\nreport", 301, "project_42_bot_3f8a", false))));

        assertThat(StickyComment.upsert(api().thread(12), MARKER, MARKER + "\nreport")).isEqualTo(StickyComment.Outcome.CREATED);

        gitlab.verify(1, postRequestedFor(urlEqualTo(NOTES)).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(Json.mapper().writeValueAsString(Map.of("body", MARKER + "\nreport")))));
    }

    @Test
    void retriesTooManyRequestsThenAForbiddenNoteIsReported() {
        gitlab.stubFor(get(LIST).willReturn(json(200, "[]")));
        gitlab.stubFor(post(NOTES).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "{\"message\":\"429 Too Many Requests\"}").withHeader("Retry-After", "0"))
                .willSetStateTo("denied"));
        gitlab.stubFor(post(NOTES).inScenario("limit").whenScenarioStateIs("denied")
                .willReturn(json(403, "{\"message\":\"403 Forbidden\"}")));

        assertThatThrownBy(() -> StickyComment.upsert(api().thread(12), MARKER, MARKER))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("GitLab API refused to add a note to merge request !12: HTTP 403 (403 Forbidden); the token lacks"
                        + " permission");
        gitlab.verify(2, postRequestedFor(urlEqualTo(NOTES)));
    }

    @Test
    void findsTheHeadOfTheMergeRequestACommitMerged() {
        String merge = "1b12f15a11fc6e62177bef08f47bc7b5ce50b141";
        String head = "9c2f0e1b8a7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b";
        gitlab.stubFor(get("/api/v4/projects/42/repository/commits/" + merge + "/merge_requests").willReturn(json(200,
                Fixtures.load("gitlab/commit-merge-requests.json", Map.of("merge_sha", merge, "head_sha", head)))));

        assertThat(api().mergedRequestHead(merge)).contains(head);
        gitlab.verify(getRequestedFor(urlEqualTo("/api/v4/projects/42/repository/commits/" + merge + "/merge_requests"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
