package dev.mlship.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two promotions at once (two merges landing together) against a real registry, and promotions stopped
 * half-way: the tags always end in a state some order of whole promotions explains.
 */
class PromotionRaceTest {
    static final int ROUNDS = 10;

    @TempDir
    static Path dir;

    static LocalRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        registry = LocalRegistry.start(Files.createDirectories(dir.resolve("registry")), false);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    private static String push(String repo, String tag, String model) {
        ImageContent content = new ImageContent("m", model.getBytes(StandardCharsets.UTF_8), "{}".getBytes(),
                Map.of(ImageLabels.GATES, "passed"), null);
        return new ModelImageBuilder(Map.of(), dir.resolve("cache"), s -> {})
                .build(content, new ImageTarget.Registry(registry.host() + "/" + repo, List.of(tag), false)).digest();
    }

    /**
     * Each promotion runs in its own job with its own client, as two CI jobs would, retrying as mlship does (the
     * registry answers 500 to a read of a tag that another request is writing at that moment).
     */
    private static RegistryClient client() {
        return new RegistryClient(registry.host(), true, Optional.empty(),
                new RegistryRetry(6, java.time.Duration.ofMillis(20), java.time.Duration.ofSeconds(10),
                        java.time.Duration.ofSeconds(10)), s -> {});
    }

    private static void set(RegistryClient c, String repo, String tag, String fromTag) {
        c.putManifest(repo, tag, c.manifest(repo, fromTag).orElseThrow());
    }

    @Test
    void twoPromotionsAtOnceEndWithOneOfThemInProductionAndNoThirdDigest() throws Exception {
        String repo = "acme/race";
        String w = push(repo, "sha-w", "older");
        String x = push(repo, "sha-x", "deployed");
        String a = push(repo, "sha-a", "candidate a");
        String b = push(repo, "sha-b", "candidate b");
        RegistryClient c = client();
        int aWon = 0;
        int previousIsOther = 0;
        int oneFailed = 0;
        try (ExecutorService jobs = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < ROUNDS; round++) {
                set(c, repo, "previous", "sha-w");
                set(c, repo, "production", "sha-x");
                set(c, repo, TagMover.PROMOTING, "sha-x");
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Promotion>> results = new ArrayList<>();
                for (String candidate : List.of("sha-a", "sha-b")) {
                    results.add(jobs.submit(() -> {
                        together.await();
                        return new TagMover(client(), repo).promote(candidate, "production", false);
                    }));
                }
                int failed = 0;
                for (Future<Promotion> r : results) {
                    try {
                        r.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(RemoteException.class)
                                .hasMessageContaining("another promotion moved it at the same time");
                        failed++;
                    }
                }
                assertThat(failed).as("at least one promotion wins").isLessThan(2);
                String production = c.digest(repo, "production").orElseThrow();
                String previous = c.digest(repo, "previous").orElseThrow();
                assertThat(production).isIn(a, b);
                String other = production.equals(a) ? b : a;
                assertThat(previous).as("round " + round).isIn(x, other);
                // The race leaves nothing that looks like a promotion stopped half-way.
                assertThat(new TagMover(client(), repo).completeInterrupted("production")).isEmpty();
                assertThat(c.digest(repo, "production")).hasValue(production);
                aWon += production.equals(a) ? 1 : 0;
                previousIsOther += previous.equals(other) ? 1 : 0;
                oneFailed += failed;
                assertThat(previous).isNotEqualTo(w);
            }
        }
        System.out.printf("promotion race, %d rounds: A won %d, B won %d; previous = the other candidate (as if"
                + " one after the other) %d, = the digest before both %d; the loser failed with exit 4 in %d%n",
                ROUNDS, aWon, ROUNDS - aWon, previousIsOther, ROUNDS - previousIsOther, oneFailed);
    }

    @Test
    void aPromotionStoppedAfterSavingPreviousIsCompletedByTheNextPromotion() {
        String repo = "acme/stopped";
        String x = push(repo, "sha-x", "deployed");
        String cand = push(repo, "sha-c", "candidate c");
        String d = push(repo, "sha-d", "candidate d");
        RegistryClient c = client();
        new TagMover(c, repo).promote("sha-x", "production", false);
        // What TagMover.promote writes before it moves production; the job is cancelled right after.
        set(c, repo, TagMover.PROMOTING, "sha-c");
        set(c, repo, "previous", "production");

        List<String> log = new ArrayList<>();
        Promotion next = new TagMover(c, repo, log::add).promote("sha-d", "production", false);
        assertThat(log).containsExactly("completed an interrupted promotion: production: " + x + " -> " + cand);
        assertThat(next.before()).isEqualTo(cand);
        assertThat(c.digest(repo, "production")).hasValue(d);
        assertThat(c.digest(repo, "previous")).hasValue(cand);
    }

    @Test
    void aPromotionStoppedAfterSavingPreviousIsCompletedBeforeARollback() {
        String repo = "acme/stopped-rollback";
        String x = push(repo, "sha-x", "deployed");
        push(repo, "sha-c", "candidate c");
        RegistryClient c = client();
        new TagMover(c, repo).promote("sha-x", "production", false);
        set(c, repo, TagMover.PROMOTING, "sha-c");
        set(c, repo, "previous", "production");

        // Rolling back undoes the interrupted promotion as a whole: production is where it was before it.
        Promotion back = new TagMover(c, repo).rollback("production");
        assertThat(back.after()).isEqualTo(x);
        assertThat(c.digest(repo, "production")).hasValue(x);
        // ... and a rollback right after a whole promotion and rollback completes nothing.
        assertThat(new TagMover(c, repo).completeInterrupted("production")).isEmpty();
        assertThat(c.digest(repo, "production")).hasValue(x);
    }
}
