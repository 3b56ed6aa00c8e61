package dev.mlship.container;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mlship.ci.Fixtures;
import dev.mlship.image.LocalRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The JVM image (target/mlship-jvm-image.tar, built by -Pjvm-image) started the way CI runners start
 * it, without Docker: its layers unpacked in order into a root file system, entered with chroot, with
 * only the image's environment plus what the runner adds, and its entrypoint. GitHub runs a Docker
 * action with the workspace at /github/workspace, the action's args after the entrypoint and output
 * files under /github/file_commands; GitLab runs the template's {@code script:} with
 * {@code entrypoint: [""]} through /bin/sh. The forge APIs are WireMock and the registry is a real one,
 * both on 127.0.0.1, which a chroot shares with the host. Needs root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JvmImageIT {
    static final String WORKSPACE = "/github/workspace";
    static final String HEAD = "8f4b2c1d0e9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c";
    static final String MARKER = "<!-- mlship:credit-risk -->";
    static final String COMMENTS = "/repos/acme/credit-risk/issues/7/comments";

    Path dir;
    Path imageTar;
    OciLayout image;
    RootFileSystem rootfs;
    LocalRegistry registry;
    WireMockServer api;

    @BeforeAll
    void start() throws Exception {
        imageTar = Path.of(System.getProperty("mlship.jvm-image", "target/mlship-jvm-image.tar"));
        assertThat(imageTar).as("the image tar (./mvnw -Pjvm-image package)").isRegularFile();
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "jvm-image-it");
        image = OciLayout.unpack(imageTar, dir.resolve("layout"));
        rootfs = RootFileSystem.unpack(image.layers().stream().map(OciLayout.Layer::blob).toList(), dir.resolve("rootfs"))
                .withProcAndDev();
        registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), true);
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        copy(Path.of("examples/credit-risk"), rootfs.path(WORKSPACE));
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.stop();
        }
        if (registry != null) {
            registry.close();
        }
        if (rootfs != null) {
            rootfs.close(); // unmounts /proc and /dev first, and keeps everything when that fails
            RootFileSystem.exec(List.of("rm", "-rf", "--one-file-system", dir.toString()));
        }
    }

    @Test
    @Order(1)
    void theImageIsConfiguredAsRunnersExpect() {
        assertThat(image.entrypoint()).containsExactly("mlship");
        assertThat(image.config().at("/config/User").asText("")).isIn("", "0", "0:0", "root");
        assertThat(image.environment()).containsEntry("MLSHIP_NATIVE_LIB_DIR", "/usr/lib/mlship").containsKey("PATH");
        assertThat(image.label("org.opencontainers.image.version")).isNotBlank();
        assertThat(image.label("org.opencontainers.image.revision")).isNotBlank();
        assertThat(image.label("org.opencontainers.image.source")).startsWith("https://");
        assertThat(image.label("org.opencontainers.image.licenses")).isEqualTo("GPL-3.0-or-later");
        assertThat(rootfs.path("/bin/sh")).exists();
        assertThat(rootfs.path("/opt/mlship/mlship.aot")).isRegularFile();
        assertThat(rootfs.path("/usr/lib/mlship")).isDirectoryContaining("glob:**/libonnxruntime.so")
                .isDirectoryContaining("glob:**/libxgboost4j.so");
    }

    @Test
    @Order(2)
    void theEntrypointAnswersVersionUsingTheAotCache() throws Exception {
        Run run = entrypoint(WORKSPACE, Map.of(), List.of("--version"));
        // AOTMode=on: the JVM refuses to start unless it maps the cache ("Unable to use AOT cache").
        Run strict = entrypoint(WORKSPACE, Map.of("MLSHIP_JAVA_OPTS", "-XX:AOTMode=on"), List.of("--version"));

        assertThat(run.exit).as(run.log()).isZero();
        assertThat(run.out).contains(image.label("org.opencontainers.image.version"));
        // The launcher shows the JVM's warnings, such as a cache recorded with other flags.
        assertThat(run.err).as("stderr").isEmpty();
        assertThat(strict.exit).as(strict.log()).isZero();
    }

    @Test
    @Order(3)
    void theCreditRiskExampleRunsInTheWorkspaceWithLibrariesFromDisk() throws Exception {
        Run run = entrypoint(WORKSPACE, Map.of(), List.of("run", ".", "--out", "mlship-out"));

        assertThat(run.exit).as(run.log()).isZero();
        assertThat(rootfs.path(WORKSPACE + "/mlship-out/model.onnx")).isNotEmptyFile();
        assertThat(rootfs.path(WORKSPACE + "/mlship-out/metrics.json")).isNotEmptyFile();
        assertThat(extractedLibraries()).as("native libraries copied out of jars into /tmp").isEmpty();
    }

    @Test
    @Order(4)
    void xgboostAndOpenBlasLoadInsideTheImage() throws Exception {
        Files.writeString(rootfs.path(WORKSPACE + "/xgboost.yaml"), """
                name: credit-risk-xgboost
                data: {path: data/credit.csv, label: Status, split: {test: 0.2, seed: 42}}
                model: {task: classification, algorithm: xgboost, params: {n_estimators: 20, max_depth: 3}}
                evaluate: {primary: auc, positive_class: bad, folds: 2}
                """);
        // Ridge regression is Smile's OpenBLAS path (trees never call it).
        Files.writeString(rootfs.path(WORKSPACE + "/ridge.yaml"), """
                name: credit-risk-ridge
                data: {path: data/credit.csv, label: Amount, features: [Seniority, Time, Age, Expenses, Income], split: {test: 0.2, seed: 42}}
                model: {task: regression, algorithm: ridge}
                evaluate: {primary: rmse, folds: 2}
                """);

        Run xgboost = entrypoint(WORKSPACE, Map.of(), List.of("run", "xgboost.yaml", "--out", "xgboost-out"));
        Run ridge = entrypoint(WORKSPACE, Map.of(), List.of("run", "ridge.yaml", "--out", "ridge-out"));

        assertThat(xgboost.exit).as(xgboost.log()).isZero();
        assertThat(ridge.exit).as(ridge.log()).isZero();
        assertThat(extractedLibraries()).as("XGBoost's library loaded from /usr/lib/mlship, not copied to /tmp").isEmpty();
    }

    @Test
    @Order(5)
    void serveAnswersReadyOnItsPort() throws Exception {
        // Port 0: the server binds a free port itself and prints it; a port found free here and passed on
        // could be taken in between, and then another process might answer.
        Process server = rootfs.command(WORKSPACE, image.environment(), command(List.of("serve", "--model",
                        WORKSPACE + "/mlship-out/model.onnx", "--port", "0")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Pattern serving = Pattern.compile("serving .* at http://[^/]*:(\\d+)/v2/models/");
            HttpRequest ready = null;
            int status = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (status != 200 && server.isAlive() && System.nanoTime() < deadline) {
                if (ready == null) {
                    Matcher m = serving.matcher(Files.readString(dir.resolve("serve.log")));
                    if (m.find()) {
                        ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/v2/health/ready"))
                                .timeout(Duration.ofSeconds(5)).build();
                    } else {
                        Thread.sleep(250);
                    }
                    continue;
                }
                try {
                    status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            assertThat(status).as(Files.readString(dir.resolve("serve.log"))).isEqualTo(200);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    @Order(6)
    void githubRunsTheActionOnAPullRequest() throws Exception {
        api.stubFor(get(COMMENTS + "?per_page=100").willReturn(json(200, "[]")));
        api.stubFor(post(COMMENTS).willReturn(json(201, Fixtures.githubComment(900, MARKER, "github-actions[bot]", "Bot"))));
        Files.writeString(rootfs.path(WORKSPACE + "/mlship.yaml"), ciConfig());
        Path files = Files.createDirectories(rootfs.path("/github/file_commands"));
        Files.createDirectories(rootfs.path("/github/workflow"));
        Files.createDirectories(rootfs.path("/github/home"));
        Files.writeString(rootfs.path("/github/workflow/event.json"), Fixtures.load("github/pull_request-event.json",
                Map.of("head_owner", "acme", "head_sha", HEAD, "fork", "false")));
        Files.writeString(files.resolve("set_output"), "");
        Files.writeString(files.resolve("step_summary"), "");

        // What the runner passes to `docker run` for a Docker action: GITHUB_* with the container's paths,
        // the inputs with action.yml's defaults, HOME=/github/home; args from action.yml after the entrypoint.
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/github/home");
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_EVENT_PATH", "/github/workflow/event.json");
        env.put("GITHUB_WORKSPACE", WORKSPACE);
        env.put("GITHUB_OUTPUT", "/github/file_commands/set_output");
        env.put("GITHUB_STEP_SUMMARY", "/github/file_commands/step_summary");
        env.put("GITHUB_REPOSITORY", "acme/credit-risk");
        env.put("GITHUB_SHA", "e5bd3914e2e596debea16f433f57875b5b90bcd6");
        env.put("GITHUB_REF", "refs/pull/7/merge");
        env.put("GITHUB_API_URL", api.baseUrl());
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("INPUT_CONFIG", "mlship.yaml");
        env.put("INPUT_MODE", "auto");
        env.put("INPUT_COMMENT", "true");
        env.put("INPUT_FAIL_ON_GATE", "true");
        env.put("INPUT_WORKING_DIRECTORY", ".");
        env.put("INPUT_GITHUB_TOKEN", "ghs_16C7e42F292c6912E7710c838347Ae178B4a");
        env.put("INPUT_IMAGE", registry.host() + "/acme/credit-risk");
        env.put("INPUT_REGISTRY_USERNAME", LocalRegistry.USER);
        env.put("INPUT_REGISTRY_PASSWORD", LocalRegistry.PASSWORD);

        Run run = entrypoint(WORKSPACE, env, actionArgs());

        assertThat(run.exit).as(run.log()).isZero();
        String outputs = Files.readString(files.resolve("set_output"));
        assertThat(outputs).contains("image=" + registry.host() + "/acme/credit-risk:sha-" + HEAD, "gate_passed=true")
                .containsPattern("digest=sha256:[0-9a-f]{64}");
        assertThat(Files.readString(files.resolve("step_summary"))).contains(MARKER);
        List<LoggedRequest> posts = api.findAll(postRequestedFor(urlEqualTo(COMMENTS)));
        assertThat(posts).hasSize(1);
        assertThat(new ObjectMapper().readTree(posts.get(0).getBodyAsString()).path("body").asText()).startsWith(MARKER);
    }

    @Test
    @Order(7)
    void gitlabRunsTheTemplatesScriptThroughShell() throws Exception {
        String notes = "/api/v4/projects/42/merge_requests/12/notes";
        api.stubFor(get("/api/v4/user").willReturn(json(200, Fixtures.load("gitlab/user.json", Map.of()))));
        api.stubFor(get(notes + "?sort=asc&order_by=created_at&per_page=100").willReturn(json(200, "[]")));
        api.stubFor(post(notes).willReturn(json(201, Fixtures.gitlabNote(777, MARKER, 301, "project_42_bot_3f8a", false))));
        String project = "/builds/acme/credit-risk";
        copy(Path.of("examples/credit-risk/data"), rootfs.path(project + "/data"));
        Files.writeString(rootfs.path(project + "/mlship.yaml"), ciConfig());
        String mrHead = "9c2f0e1b8a7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b";

        Map<String, String> env = new LinkedHashMap<>();
        env.putAll(Map.of("GITLAB_CI", "true", "CI", "true", "CI_PROJECT_ID", "42", "CI_PROJECT_DIR", project,
                "CI_API_V4_URL", api.baseUrl() + "/api/v4", "CI_DEFAULT_BRANCH", "main",
                "CI_PROJECT_URL", "https://gitlab.example.com/acme/credit-risk", "MLSHIP_GITLAB_TOKEN", "glpat-test",
                "CI_REGISTRY", registry.host(), "CI_REGISTRY_IMAGE", registry.host() + "/acme/gitlab-project"));
        env.putAll(Map.of("CI_REGISTRY_USER", LocalRegistry.USER, "CI_REGISTRY_PASSWORD", LocalRegistry.PASSWORD,
                "CI_MERGE_REQUEST_IID", "12", "CI_COMMIT_SHA", mrHead, "CI_MERGE_REQUEST_PROJECT_ID", "42",
                "CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "42", "CI_PIPELINE_SOURCE", "merge_request_event"));
        env.putAll(templateVariables());
        env.put("MLSHIP_MODE", "evaluate");

        // entrypoint: [""] -> no entrypoint; the runner hands the job's script to the image's shell.
        List<String> script = templateScript();
        Run run = run(project, env, List.of("/bin/sh", "-c", String.join("\n", script)));

        assertThat(run.exit).as(run.log()).isZero();
        assertThat(Files.readString(rootfs.path(project + "/mlship.env")))
                .contains("MLSHIP_RESULT_IMAGE=" + registry.host() + "/acme/gitlab-project/credit-risk:sha-" + mrHead);
        assertThat(rootfs.path(project + "/metrics.txt")).isNotEmptyFile();
        assertThat(api.findAll(postRequestedFor(urlEqualTo(notes)))).hasSize(1);
    }

    @Test
    @Order(8)
    void pushingTheTarKeepsItsDigest() throws Exception {
        String ref = registry.host() + "/mlship/mlship:test";
        // skopeo reads registry credentials from an auth file, as after `docker login` on a runner.
        Path auth = Files.writeString(dir.resolve("auth.json"), "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \""
                + java.util.Base64.getEncoder().encodeToString((LocalRegistry.USER + ":" + LocalRegistry.PASSWORD).getBytes())
                + "\"}}}");
        ProcessBuilder pb = new ProcessBuilder("src/image/push-jvm-image", imageTar.toString(), ref)
                .redirectErrorStream(true).redirectOutput(dir.resolve("push.log").toFile());
        pb.environment().put("REGISTRY_AUTH_FILE", auth.toString());
        Process push = pb.start();
        assertThat(push.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(push.exitValue()).as(Files.readString(dir.resolve("push.log"))).isZero();

        HttpRequest head = HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/mlship/mlship/manifests/test"))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((LocalRegistry.USER + ":" + LocalRegistry.PASSWORD).getBytes()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<Void> response = HttpClient.newHttpClient().send(head, HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Docker-Content-Digest")).hasValue(image.digest());
    }

    @Test
    @Order(9)
    void aSecondBuildGivesTheSameDigest() throws Exception {
        Path again = dir.resolve("again.tar");
        ProcessBuilder pb = new ProcessBuilder("src/image/build-jvm-image", again.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("build-again.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process build = pb.start();
        assertThat(build.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(build.exitValue()).as(Files.readString(dir.resolve("build-again.log"))).isZero();

        OciLayout second = OciLayout.unpack(again, dir.resolve("layout-again"));

        assertThat(second.layers()).isEqualTo(image.layers().stream()
                .map(l -> new OciLayout.Layer(l.digest(), l.size(), OciLayout.blob(second.dir(), l.digest()))).toList());
        assertThat(second.digest()).isEqualTo(image.digest());
    }

    // --- the runtime's side ---

    record Run(int exit, String out, String err) {
        String log() {
            return out + "\n--- stderr ---\n" + err;
        }
    }

    /** The image's entrypoint with {@code args}, as `docker run IMAGE ARGS...` starts it. */
    Run entrypoint(String workdir, Map<String, String> extraEnv, List<String> args) throws Exception {
        return run(workdir, extraEnv, command(args));
    }

    List<String> command(List<String> args) {
        List<String> argv = new ArrayList<>(image.entrypoint());
        argv.addAll(args);
        return argv;
    }

    Run run(String workdir, Map<String, String> extraEnv, List<String> argv) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(image.environment());
        env.putIfAbsent("HOME", "/root");
        env.putAll(extraEnv);
        Files.createDirectories(rootfs.path(workdir));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = rootfs.command(workdir, env, argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(argv + " did not finish in 10 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Native libraries that ONNX Runtime or XGBoost copied out of a jar into the image's /tmp. */
    List<String> extractedLibraries() throws IOException {
        Path tmp = rootfs.path("/tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.map(Path::toString).filter(f -> f.contains("onnxruntime") || f.contains("xgboost4j")).toList();
        }
    }

    static String ciConfig() {
        return """
                name: credit-risk
                data: {path: data/credit.csv, label: Status, split: {test: 0.2, seed: 42}}
                model:
                  task: classification
                  algorithm: gradient_boosting
                  params: {trees: 40, max_depth: 3, shrinkage: 0.1}
                evaluate:
                  primary: auc
                  positive_class: bad
                  folds: 2
                  bootstrap: 100
                  gates:
                    auc: {min: 0.7}
                """;
    }

    static List<String> actionArgs() throws IOException {
        JsonNode action = new YAMLMapper().readTree(Path.of("action.yml").toFile());
        List<String> args = new ArrayList<>();
        action.at("/runs/args").forEach(a -> args.add(a.asText()));
        return args;
    }

    static JsonNode template() throws IOException {
        return new YAMLMapper().readTree(Path.of(".gitlab-ci-template.yml").toFile());
    }

    /** The jobs of the CI/CD component, as the older template includes it. */
    static JsonNode templateJobs() throws IOException {
        return dev.mlship.ci.gitlab.GitLabComponent.expand(dev.mlship.ci.gitlab.GitLabComponent.legacyInputs());
    }

    static List<String> templateScript() throws IOException {
        JsonNode job = templateJobs().path(".mlship");
        assertThat(job.at("/image/entrypoint").get(0).asText()).as("the template empties the entrypoint").isEmpty();
        List<String> script = new ArrayList<>();
        job.path("script").forEach(line -> script.add(line.asText()));
        return script;
    }

    /** The older template's variables, then the job's own (which GitLab gives precedence). */
    static Map<String, String> templateVariables() throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        template().path("variables").properties().forEach(e -> vars.put(e.getKey(), e.getValue().asText()));
        templateJobs().at("/.mlship/variables").properties().forEach(e -> vars.put(e.getKey(), e.getValue().asText()));
        return vars;
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
        }
    }
}
