package dev.mlship.ci;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mlship.image.LocalRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * `mlship ci` as a runner calls the container: the packaged application (target/quarkus-app) run as a
 * subprocess with the args of action.yml, the inputs as INPUT_* (or GitLab's variables), an event
 * payload file, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, WireMock as the forge's API and a real
 * registry (with basic auth) holding a production model. The steps build on each other, in order: a step
 * whose prerequisite failed is skipped (assumed away) rather than failing later on a missing tag or digest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CiJobIT {
    static final String HEAD = "8f4b2c1d0e9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c";
    static final String MERGE = "e5bd3914e2e596debea16f433f57875b5b90bcd6";
    static final String MARKER = "<!-- mlship:credit-risk -->";
    static final String COMMENTS = "/repos/acme/credit-risk/issues/7/comments";
    static final String GITHUB_TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

    Path dir;
    Path workspace;
    LocalRegistry registry;
    WireMockServer api;
    /** Set by the step that made it, only once that step has passed. */
    boolean productionPushed;
    String prDigest;
    boolean mergePromoted;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ci-it");
        registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), true);
        api = new WireMockServer(options().dynamicPort());
        api.start();
        workspace = Files.createDirectories(dir.resolve("workspace"));
        Files.createDirectories(workspace.resolve("data"));
        Files.copy(Path.of("examples/credit-risk/data/credit.csv"), workspace.resolve("data/credit.csv"));
        Files.writeString(workspace.resolve("mlship.yaml"), config(60, 0.75));
        Files.writeString(workspace.resolve("production.yaml"), config(10, 0.5));
        Files.writeString(workspace.resolve("strict.yaml"), config(60, 0.99));
    }

    @AfterAll
    void stop() throws Exception {
        api.stop();
        registry.close();
    }

    static String config(int trees, double minAuc) {
        return """
                name: credit-risk
                data: {path: data/credit.csv, label: Status, split: {test: 0.2, seed: 42}}
                model:
                  task: classification
                  algorithm: gradient_boosting
                  params: {trees: %d, max_depth: 3, shrinkage: 0.1}
                evaluate:
                  primary: auc
                  positive_class: bad
                  folds: 2
                  bootstrap: 200
                  gates:
                    auc: {min: %s, max_drop: 0.05}
                """.formatted(trees, minAuc);
    }

    @Test
    @Order(1)
    void aRunOutsideAReviewPushesAndPromotesTheProductionModel() throws Exception {
        Map<String, String> env = github("workflow_dispatch", Map.of());
        env.put("INPUT_MODE", "run");
        env.put("INPUT_CONFIG", "production.yaml");
        env.put("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567");

        Run run = mlship(env);

        assertThat(run.exit).as(run.log()).isZero();
        assertThat(run.out).contains("::add-mask::" + LocalRegistry.PASSWORD, "::add-mask::" + GITHUB_TOKEN, "promoted production: (none) -> sha256:");
        assertThat(manifestDigest("production")).isEqualTo(manifestDigest("sha-0123456789abcdef0123456789abcdef01234567"));
        assertThat(api.getAllServeEvents()).as("no review: no API call").isEmpty();
        productionPushed = true;
    }

    @Test
    @Order(2)
    void aPullRequestIsEvaluatedAgainstProductionAndCommentedOnce() throws Exception {
        assumeTrue(productionPushed, "needs the production model of the first step");
        stubCommentThread();
        Map<String, String> env = github("pull_request", Map.of("head_owner", "acme", "head_sha", HEAD, "fork", "false"));
        env.put("GITHUB_SHA", MERGE); // the temporary merge commit: never the candidate's tag

        Run first = mlship(env);

        assertThat(first.exit).as(first.log()).isZero();
        Map<String, String> outputs = outputs(env);
        assertThat(outputs.get("image")).isEqualTo(registry.host() + "/acme/credit-risk:sha-" + HEAD);
        String prDigest = outputs.get("digest");
        assertThat(prDigest).matches("sha256:[0-9a-f]{64}").isEqualTo(manifestDigest("sha-" + HEAD));
        assertThat(outputs).containsEntry("gate_passed", "true").containsEntry("primary_metric", "auc")
                .containsEntry("report_path", "mlship-out/report.md");
        assertThat(Double.parseDouble(outputs.get("primary_value"))).isBetween(0.75, 1.0);
        assertThat(new ObjectMapper().readTree(outputs.get("metrics_json")).path("auc").asDouble())
                .isEqualTo(Double.parseDouble(outputs.get("primary_value")));
        String summary = Files.readString(Path.of(env.get("GITHUB_STEP_SUMMARY")));
        assertThat(summary).contains(MARKER, "| metric | production | this PR | Δ | 95 % CI of Δ | gate |",
                "production `" + registry.host() + "/acme/credit-risk:production`", "```mermaid", "the same data as production");

        List<LoggedRequest> posts = api.findAll(postRequestedFor(urlEqualTo(COMMENTS)));
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).getHeader("Authorization")).isEqualTo("Bearer " + GITHUB_TOKEN);
        String body = new ObjectMapper().readTree(posts.get(0).getBodyAsString()).path("body").asText();
        assertThat(body).startsWith(MARKER).contains("✅ all 2 quality gates passed", "**auc**", prDigest);

        Run second = mlship(env);

        assertThat(second.exit).as(second.log()).isZero();
        assertThat(second.out).contains("updated the review comment");
        assertThat(api.findAll(postRequestedFor(urlEqualTo(COMMENTS)))).as("never a pile of comments").hasSize(1);
        List<LoggedRequest> patches = api.findAll(patchRequestedFor(urlEqualTo("/repos/acme/credit-risk/issues/comments/900"))
                .withHeader("Authorization", equalTo("Bearer " + GITHUB_TOKEN)));
        assertThat(patches).hasSize(1);
        assertThat(new ObjectMapper().readTree(patches.get(0).getBodyAsString()).path("body").asText()).startsWith(MARKER)
                .contains(prDigest);
        assertThat(outputs(env).get("digest")).as("the same inputs give the same image").isEqualTo(prDigest);
        this.prDigest = prDigest;
    }

    @Test
    @Order(3)
    void aFailedGateExitsOneWithAnErrorAnnotation() throws Exception {
        assumeTrue(productionPushed, "needs the production model of the first step");
        Map<String, String> env = github("pull_request", Map.of("head_owner", "acme", "head_sha", HEAD.replace('8', '9'),
                "fork", "false"));
        env.put("INPUT_CONFIG", "strict.yaml");
        env.put("INPUT_COMMENT", "false");

        Run run = mlship(env);

        assertThat(run.exit).as(run.log()).isEqualTo(1);
        assertThat(run.out).containsPattern("::error title=Quality gate failed%3A auc::auc min 0\\.99 failed with 0\\.\\d{4}");
        assertThat(outputs(env)).containsEntry("gate_passed", "false");
        String digest = outputs(env).get("digest");

        env.put("INPUT_FAIL_ON_GATE", "false");
        Run tolerated = mlship(env);
        assertThat(tolerated.exit).as(tolerated.log()).isZero();
        assertThat(tolerated.out).contains("::error title=Quality gate failed%3A auc::");
        assertThat(outputs(env).get("digest")).as("another process, the same inputs: the same digest").isEqualTo(digest);
    }

    @Test
    @Order(4)
    void aForkGetsASummaryButNoPushAndNoComment() throws Exception {
        assumeTrue(productionPushed, "needs the production model of the first step");
        int requestsBefore = api.getAllServeEvents().size();
        String forkHead = "aaaabbbbccccddddeeeeffff0000111122223333";
        Map<String, String> env = github("pull_request", Map.of("head_owner", "someone", "head_sha", forkHead, "fork", "true"));
        env.remove("INPUT_REGISTRY_USERNAME"); // a fork's run gets no secrets
        env.remove("INPUT_REGISTRY_PASSWORD");

        Run run = mlship(env);

        assertThat(run.exit).as(run.log()).isZero();
        assertThat(run.out).contains("::notice title=mlship::pull request from the fork someone/credit-risk");
        assertThat(Files.readString(Path.of(env.get("GITHUB_STEP_SUMMARY")))).contains(MARKER, "✅");
        assertThat(workspace.resolve("mlship-out/image.tar")).isRegularFile();
        assertThat(manifestDigest("sha-" + forkHead)).isNull();
        assertThat(api.getAllServeEvents()).as("no API call from a fork").hasSize(requestsBefore);
    }

    @Test
    @Order(5)
    void theMergePromotesTheEvaluatedDigest() throws Exception {
        assumeTrue(prDigest != null, "needs the pull request's image of the second step");
        api.stubFor(get("/repos/acme/credit-risk/commits/" + MERGE + "/pulls").willReturn(json(200,
                Fixtures.load("github/commit-pulls.json", Map.of("merge_sha", MERGE, "head_sha", HEAD)))));
        Map<String, String> env = github("push", Map.of("sha", MERGE));
        env.put("GITHUB_SHA", MERGE);
        env.put("GITHUB_REF", "refs/heads/main");
        String before = manifestDigest("production");

        Run run = mlship(env);

        assertThat(run.exit).as(run.log()).isZero();
        assertThat(run.out).contains("promoting " + registry.host() + "/acme/credit-risk:sha-" + HEAD);
        assertThat(manifestDigest("production")).isEqualTo(prDigest);
        assertThat(manifestDigest("previous")).isEqualTo(before);
        assertThat(outputs(env)).containsEntry("digest", prDigest).containsEntry("gate_passed", "true");
        assertThat(run.out).as("promotion never rebuilds").doesNotContain("[train]");
        mergePromoted = true;
    }

    @Test
    @Order(6)
    void aDirectPushIsEvaluatedGatedAndWhatItBuiltPromoted() throws Exception {
        assumeTrue(mergePromoted, "needs production to be the pull request's image, promoted by the fifth step");
        String direct = "d1d2d3d4d5d6d7d8d9d0e1e2e3e4e5e6e7e8e9e0";
        api.stubFor(get("/repos/acme/credit-risk/commits/" + direct + "/pulls").willReturn(json(200, "[]")));
        Map<String, String> env = github("push", Map.of("sha", direct));
        env.put("GITHUB_SHA", direct);

        Run run = mlship(env);

        assertThat(run.exit).as(run.log()).isZero();
        assertThat(run.out).contains("merged no review", "[train]", "promoted production: " + prDigest + " -> sha256:");
        assertThat(manifestDigest("production")).isEqualTo(manifestDigest("sha-" + direct)).isNotEqualTo(prDigest);
        assertThat(outputs(env)).containsEntry("digest", manifestDigest("sha-" + direct));
    }

    @Test
    @Order(7)
    void gitLabMergeRequestNoteThenPromotionOnTheDefaultBranch() throws Exception {
        String notes = "/api/v4/projects/42/merge_requests/12/notes";
        String list = notes + "?sort=asc&order_by=created_at&per_page=100";
        api.stubFor(get("/api/v4/user").willReturn(json(200, Fixtures.load("gitlab/user.json", Map.of()))));
        api.stubFor(get(list).inScenario("notes").whenScenarioStateIs(Scenario.STARTED).willReturn(json(200,
                Fixtures.array(Fixtures.gitlabNote(501, "quoting " + MARKER, 7, "ada", false)))));
        api.stubFor(post(notes).inScenario("notes").willSetStateTo("created").willReturn(json(201,
                Fixtures.gitlabNote(777, MARKER, 301, "project_42_bot_3f8a", false))));
        api.stubFor(get(list).inScenario("notes").whenScenarioStateIs("created").willReturn(json(200, Fixtures.array(
                Fixtures.gitlabNote(501, "quoting " + MARKER, 7, "ada", false),
                Fixtures.gitlabNote(777, MARKER + "\nreport", 301, "project_42_bot_3f8a", false)))));
        api.stubFor(put(notes + "/777").willReturn(json(200, Fixtures.gitlabNote(777, MARKER, 301, "project_42_bot_3f8a", false))));
        String mrHead = "9c2f0e1b8a7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b";
        String mrMerge = "1b12f15a11fc6e62177bef08f47bc7b5ce50b141";

        Map<String, String> mr = gitlab(Map.of("CI_MERGE_REQUEST_IID", "12", "CI_COMMIT_SHA", mrHead,
                "CI_MERGE_REQUEST_PROJECT_ID", "42", "CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "42", "CI_PIPELINE_SOURCE",
                "merge_request_event"));
        Run first = mlship(mr);
        assertThat(first.exit).as(first.log()).isZero();
        Run second = mlship(mr);
        assertThat(second.exit).as(second.log()).isZero();

        assertThat(api.findAll(postRequestedFor(urlEqualTo(notes)))).hasSize(1);
        assertThat(api.findAll(putRequestedFor(urlEqualTo(notes + "/777")).withHeader("PRIVATE-TOKEN", equalTo("glpat-test"))))
                .hasSize(1);
        assertThat(api.findAll(putRequestedFor(urlEqualTo(notes + "/501")))).isEmpty();
        String dotenv = Files.readString(workspace.resolve("mlship.env"));
        String repo = "acme/gitlab-project/credit-risk";
        String mrDigest = manifestDigest(repo, "sha-" + mrHead);
        assertThat(mrDigest).isNotNull();
        assertThat(dotenv).contains("MLSHIP_RESULT_DIGEST=" + mrDigest, "MLSHIP_RESULT_GATE_PASSED=true",
                "MLSHIP_RESULT_IMAGE=" + registry.host() + "/" + repo + ":sha-" + mrHead);
        String note = new ObjectMapper().readTree(api.findAll(postRequestedFor(urlEqualTo(notes))).get(0).getBodyAsString())
                .path("body").asText();
        assertThat(note).startsWith(MARKER).contains("First model: nothing to compare with");
        assertThat(Files.readString(workspace.resolve("metrics.txt"))).containsPattern("(?m)^mlship_auc 0\\.\\d+$")
                .contains("mlship_gates_passed 1", "# EOF");

        api.stubFor(get("/api/v4/projects/42/repository/commits/" + mrMerge + "/merge_requests").willReturn(json(200,
                Fixtures.load("gitlab/commit-merge-requests.json", Map.of("merge_sha", mrMerge, "head_sha", mrHead)))));
        Run promote = mlship(gitlab(Map.of("CI_COMMIT_SHA", mrMerge, "CI_COMMIT_BRANCH", "main")));
        assertThat(promote.exit).as(promote.log()).isZero();
        assertThat(manifestDigest(repo, "live")).isEqualTo(mrDigest);
        assertThat(manifestDigest(repo, "production")).isNull();
    }

    @Test
    @Order(8)
    void aBadInputIsOneLineAndExitTwo() throws Exception {
        Map<String, String> env = github("workflow_dispatch", Map.of());
        env.put("INPUT_MODE", "ship-it");
        Run run = mlship(env);
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo("mlship: input mode (INPUT_MODE): 'ship-it' is not a mode; use auto, evaluate,"
                + " promote or run");
    }

    // --- the runner's side ---

    record Run(int exit, String out, String err) {
        String log() {
            return out + "\n--- stderr ---\n" + err;
        }
    }

    /** Runs the packaged application with action.yml's args, in the workspace, with only the given environment. */
    Run mlship(Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:ObjectAlignmentInBytes=16", "-Djava.io.tmpdir=" + dir, "-jar",
                app().toString()));
        command.addAll(actionArgs());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workspace.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("MLSHIP_CACHE_DIR", dir.resolve("jib-cache").toString());
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mlship ci did not finish in 5 minutes");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout.txt")), Files.readString(dir.resolve("stderr.txt")));
    }

    static Path app() {
        Path jar = Path.of(System.getProperty("mlship.app", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged application; run mvn verify").isRegularFile();
        return jar;
    }

    static List<String> actionArgs() throws IOException {
        JsonNode action = new YAMLMapper().readTree(Path.of("action.yml").toFile());
        List<String> args = new ArrayList<>();
        action.at("/runs/args").forEach(a -> args.add(a.asText()));
        assertThat(args).isNotEmpty();
        return args;
    }

    /** GitHub's environment for a Docker action: GITHUB_*, the event payload, files for outputs, INPUT_*. */
    Map<String, String> github(String event, Map<String, String> payload) throws IOException {
        Path files = Files.createDirectories(dir.resolve("github-" + System.nanoTime()));
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("CI", "true");
        env.put("GITHUB_EVENT_NAME", event);
        env.put("GITHUB_REPOSITORY", "acme/credit-risk");
        env.put("GITHUB_API_URL", api.baseUrl());
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_OUTPUT", Files.createFile(files.resolve("output")).toString());
        env.put("GITHUB_STEP_SUMMARY", Files.createFile(files.resolve("summary.md")).toString());
        String template = switch (event) {
            case "pull_request" -> "github/pull_request-event.json";
            case "push" -> "github/push-event.json";
            default -> null;
        };
        Path eventFile = files.resolve("event.json");
        Files.writeString(eventFile, template == null ? "{\"inputs\": {}}" : Fixtures.load(template, payload));
        env.put("GITHUB_EVENT_PATH", eventFile.toString());
        env.put("GITHUB_SHA", payload.getOrDefault("head_sha", payload.getOrDefault("sha", MERGE)));
        env.put("GITHUB_REF", event.equals("pull_request") ? "refs/pull/7/merge" : "refs/heads/main");
        // action.yml's defaults, as the runner passes them, then this workflow's inputs
        env.put("INPUT_CONFIG", "mlship.yaml");
        env.put("INPUT_MODE", "auto");
        env.put("INPUT_COMMENT", "true");
        env.put("INPUT_FAIL_ON_GATE", "true");
        env.put("INPUT_WORKING_DIRECTORY", ".");
        env.put("INPUT_GITHUB_TOKEN", GITHUB_TOKEN);
        env.put("INPUT_IMAGE", registry.host() + "/acme/credit-risk");
        env.put("INPUT_REGISTRY_USERNAME", LocalRegistry.USER);
        env.put("INPUT_REGISTRY_PASSWORD", LocalRegistry.PASSWORD);
        return env;
    }

    /**
     * GitLab's predefined variables (the project's own registry, with the job's registry credentials)
     * and the template's MLSHIP_* ones. No image is configured: candidates go to CI_REGISTRY_IMAGE/<name>.
     */
    Map<String, String> gitlab(Map<String, String> vars) {
        Map<String, String> env = new HashMap<>(Map.of("GITLAB_CI", "true", "CI", "true", "CI_PROJECT_ID", "42",
                "CI_API_V4_URL", api.baseUrl() + "/api/v4", "CI_DEFAULT_BRANCH", "main",
                "CI_PROJECT_URL", "https://gitlab.example.com/acme/credit-risk", "MLSHIP_GITLAB_TOKEN", "glpat-test",
                "CI_REGISTRY", registry.host(), "CI_REGISTRY_IMAGE", registry.host() + "/acme/gitlab-project"));
        env.put("CI_REGISTRY_USER", LocalRegistry.USER);
        env.put("CI_REGISTRY_PASSWORD", LocalRegistry.PASSWORD);
        env.put("MLSHIP_CONFIG", "mlship.yaml");
        env.put("MLSHIP_FAIL_ON_GATE", "true");
        env.put("MLSHIP_PRODUCTION_TAG", "live"); // overrides promote.tag
        env.putAll(vars);
        return env;
    }

    void stubCommentThread() {
        api.stubFor(get(COMMENTS + "?per_page=100").inScenario("comments").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, Fixtures.array(Fixtures.githubComment(11, "quoting " + MARKER, "octocat", "User")))));
        api.stubFor(post(COMMENTS).inScenario("comments").willSetStateTo("created")
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(json(201, Fixtures.githubComment(900, MARKER, "github-actions[bot]", "Bot"))));
        api.stubFor(get(COMMENTS + "?per_page=100").inScenario("comments").whenScenarioStateIs("created")
                .willReturn(json(200, Fixtures.array(Fixtures.githubComment(11, "quoting " + MARKER, "octocat", "User"),
                        Fixtures.githubComment(900, MARKER + "\nreport", "github-actions[bot]", "Bot")))));
        api.stubFor(patch("/repos/acme/credit-risk/issues/comments/900")
                .willReturn(json(200, Fixtures.githubComment(900, MARKER, "github-actions[bot]", "Bot"))));
    }

    static Map<String, String> outputs(Map<String, String> env) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(env.get("GITHUB_OUTPUT")))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1)); // the last write of a name wins, as on GitHub
            }
        }
        return out;
    }

    /** The digest a tag points at in the test registry, or null. */
    String manifestDigest(String tag) throws Exception {
        return manifestDigest("acme/credit-risk", tag);
    }

    String manifestDigest(String repository, String tag) throws Exception {
        String auth = Base64.getEncoder().encodeToString((LocalRegistry.USER + ":" + LocalRegistry.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + registry.host() + "/v2/" + repository + "/manifests/" + tag)).method("HEAD",
                        HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + auth)
                .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                .build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200 ? r.headers().firstValue("Docker-Content-Digest").orElseThrow() : null;
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }
}
