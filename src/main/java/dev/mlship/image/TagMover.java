package dev.mlship.image;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Moves tags between existing manifests without rebuilding anything: the production tag gets the
 * candidate's exact manifest bytes, so what was evaluated is byte for byte what is deployed. The
 * production digest it replaces is first saved under {@code previous}, for rollback.
 *
 * <p>A registry has no transaction over two tags, so each move first records its target under
 * {@code promoting}. A promotion stopped after saving {@code previous} but before moving production leaves
 * {@code previous} = production ≠ {@code promoting}; the next promotion or rollback sees that and completes
 * it. Two promotions at once end with production at one of the two candidates and {@code previous} at the
 * digest production had before, or at the other candidate; never a third digest. The one whose move was
 * overwritten fails with exit 4, naming the winner.
 */
public final class TagMover {
    public static final String PREVIOUS = "previous";
    public static final String PROMOTING = "promoting";

    private final RegistryClient registry;
    private final String repository;
    private final Consumer<String> log;

    public TagMover(RegistryClient registry, String repository) {
        this(registry, repository, line -> {});
    }

    /** @param log where a completed interrupted promotion is reported */
    public TagMover(RegistryClient registry, String repository, Consumer<String> log) {
        this.registry = registry;
        this.repository = repository;
        this.log = log;
    }

    /**
     * Points {@code productionTag} at the candidate. A no-op when it already does.
     *
     * @param force promote even when the candidate's labels say its quality gates failed
     */
    public Promotion promote(String candidate, String productionTag, boolean force) {
        completeInterrupted(productionTag);
        Manifest manifest = registry.manifest(repository, candidate).orElseThrow(() -> new RemoteException(
                "candidate " + repository + ":" + candidate + " is not in the registry; push it first (mlship run with"
                        + " package.image set)"));
        Map<String, String> labels = registry.labels(repository, manifest);
        if ("failed".equals(labels.get(ImageLabels.GATES)) && !force) {
            throw new MlshipException(ExitCode.GATE_FAILED, "candidate " + repository + ":" + candidate
                    + " failed its quality gates (label " + ImageLabels.GATES + "=failed); it is not promoted (--force"
                    + " promotes it anyway)");
        }
        Optional<Manifest> current = registry.manifest(repository, productionTag);
        if (current.isPresent() && current.get().digest().equals(manifest.digest())) {
            return new Promotion(productionTag, manifest.digest(), manifest.digest());
        }
        registry.putManifest(repository, PROMOTING, manifest);
        current.ifPresent(m -> registry.putManifest(repository, PREVIOUS, m));
        return move(productionTag, manifest, current.map(Manifest::digest).orElse(null));
    }

    /** Points {@code productionTag} back at the manifest saved under {@code previous}. */
    public Promotion rollback(String productionTag) {
        completeInterrupted(productionTag);
        Manifest previous = registry.manifest(repository, PREVIOUS).orElseThrow(() -> new NothingToRollBackException(
                repository + " has no '" + PREVIOUS + "' tag: nothing was promoted over an earlier model, so there is"
                        + " nothing to roll back to"));
        String before = registry.digest(repository, productionTag).orElse(null);
        if (previous.digest().equals(before)) {
            return new Promotion(productionTag, before, before);
        }
        registry.putManifest(repository, PROMOTING, previous);
        return move(productionTag, previous, before);
    }

    /**
     * Finishes a promotion that saved {@code previous} and stopped before moving production (a cancelled job):
     * production still equals {@code previous}, and {@code promoting} names another digest.
     *
     * @return the move it completed, if any
     */
    public Optional<Promotion> completeInterrupted(String productionTag) {
        Optional<Manifest> intent = registry.manifest(repository, PROMOTING);
        if (intent.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> production = registry.digest(repository, productionTag);
        Optional<String> previous = registry.digest(repository, PREVIOUS);
        if (production.isEmpty() || !production.equals(previous) || production.get().equals(intent.get().digest())) {
            return Optional.empty();
        }
        Promotion done = move(productionTag, intent.get(), production.get());
        log.accept("completed an interrupted promotion: " + done.describe());
        return Optional.of(done);
    }

    /** One PUT moves the tag (the registry swaps it atomically), then a HEAD checks where it points. */
    private Promotion move(String tag, Manifest target, String before) {
        registry.putManifest(repository, tag, target);
        String after = registry.digest(repository, tag).orElse(null);
        if (!target.digest().equals(after)) {
            throw new RemoteException(repository + ":" + tag + " points at " + after + " after the move, not at "
                    + target.digest() + ": another promotion moved it at the same time; order promotions (GitHub"
                    + " Actions: concurrency, GitLab CI: resource_group) and run this one again if it should win");
        }
        return new Promotion(tag, before, after);
    }
}
