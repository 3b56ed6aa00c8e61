package dev.mlship.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import dev.mlship.config.PackageSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotion and rollback against a real registry: tags move to existing digests, nothing is rebuilt. */
class TagMoverTest {
    @TempDir
    static Path dir;

    static LocalRegistry open;
    static LocalRegistry locked;

    @BeforeAll
    static void start() throws Exception {
        open = LocalRegistry.start(Files.createDirectories(dir.resolve("open")), false);
        locked = LocalRegistry.start(Files.createDirectories(dir.resolve("locked")), true);
    }

    @AfterAll
    static void stop() throws Exception {
        open.close();
        locked.close();
    }

    private static String push(LocalRegistry r, String repo, String tag, String model, String gates, Map<String, String> env) {
        ImageContent content = new ImageContent("m", model.getBytes(StandardCharsets.UTF_8), "{}".getBytes(),
                Map.of(ImageLabels.GATES, gates), null);
        return new ModelImageBuilder(env, dir.resolve("cache"), s -> {})
                .build(content, new ImageTarget.Registry(r.host() + "/" + repo, List.of(tag), false)).digest();
    }

    private static TagMover mover(LocalRegistry r, String repo, Map<String, String> env) {
        return Registries.tagMover(new PackageSpec(r.host() + "/" + repo, null, null, null), env,
                new RegistryRetry(3, Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(10)), s -> {});
    }

    private static RegistryClient client(LocalRegistry r) {
        return new RegistryClient(r.host(), true, java.util.Optional.empty(), RegistryRetry.DEFAULT.withAttempts(1), s -> {});
    }

    @Test
    void promoteKeepsTheDigestSavesPreviousAndRollbackRestoresIt() {
        String first = push(open, "acme/a", "sha-1", "model one", "passed", Map.of());
        String second = push(open, "acme/a", "sha-2", "model two", "passed", Map.of());
        TagMover mover = mover(open, "acme/a", Map.of());

        Promotion initial = mover.promote("sha-1", "production", false);
        assertThat(initial.before()).isNull();
        assertThat(initial.after()).isEqualTo(first);
        assertThat(client(open).digest("acme/a", "previous")).isEmpty();

        Promotion again = mover.promote("sha-1", "production", false);
        assertThat(again.changed()).isFalse();

        Promotion next = mover.promote("sha-2", "production", false);
        assertThat(next.before()).isEqualTo(first);
        assertThat(next.after()).isEqualTo(second);
        assertThat(client(open).digest("acme/a", "production")).hasValue(second);
        assertThat(client(open).digest("acme/a", "previous")).hasValue(first);

        Promotion back = mover.rollback("production");
        assertThat(back.before()).isEqualTo(second);
        assertThat(back.after()).isEqualTo(first);
        assertThat(client(open).digest("acme/a", "production")).hasValue(first);
    }

    @Test
    void aCandidateThatFailedItsGatesIsRefusedUnlessForced() {
        String failed = push(open, "acme/b", "sha-bad", "bad model", "failed", Map.of());
        TagMover mover = mover(open, "acme/b", Map.of());

        assertThatThrownBy(() -> mover.promote("sha-bad", "production", false))
                .isInstanceOfSatisfying(MlshipException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.GATE_FAILED))
                .hasMessageContaining("failed its quality gates");
        assertThat(client(open).digest("acme/b", "production")).isEmpty();
        assertThat(mover.promote("sha-bad", "production", true).after()).isEqualTo(failed);
    }

    @Test
    void aMissingCandidateAndANothingToRollBackToAreClearRemoteErrors() {
        push(open, "acme/c", "sha-1", "c", "passed", Map.of());
        TagMover mover = mover(open, "acme/c", Map.of());
        assertThatThrownBy(() -> mover.promote("sha-404", "production", false))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REMOTE))
                .hasMessageContaining("sha-404").hasMessageContaining("not in the registry");
        assertThatThrownBy(() -> mover.rollback("production"))
                .isInstanceOfSatisfying(NothingToRollBackException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOTHING_TO_ROLL_BACK))
                .hasMessageContaining("nothing to roll back to");
    }

    @Test
    void credentialsAreUsedAndAWrongPasswordIsRefused() {
        Map<String, String> good = Map.of("MLSHIP_REGISTRY_USERNAME", LocalRegistry.USER, "MLSHIP_REGISTRY_PASSWORD",
                LocalRegistry.PASSWORD);
        String digest = push(locked, "acme/d", "sha-1", "locked model", "passed", good);
        assertThat(mover(locked, "acme/d", good).promote("sha-1", "production", false).after()).isEqualTo(digest);

        Map<String, String> bad = Map.of("MLSHIP_REGISTRY_USERNAME", LocalRegistry.USER, "MLSHIP_REGISTRY_PASSWORD", "nope-123");
        assertThatThrownBy(() -> mover(locked, "acme/d", bad).promote("sha-1", "production", false))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("refused")
                .hasMessageNotContaining("nope-123");
    }

    @Test
    void aStoppedRegistryFailsAfterBoundedRetries() throws Exception {
        LocalRegistry gone = LocalRegistry.start(Files.createDirectories(dir.resolve("gone")), false);
        gone.close();
        long start = System.nanoTime();
        assertThatThrownBy(() -> mover(gone, "acme/e", Map.of()).promote("sha-1", "production", false))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REMOTE))
                .hasMessageContaining("cannot reach registry");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
