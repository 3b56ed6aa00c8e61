package dev.mlship.image;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import java.util.Map;
import java.util.Optional;

/**
 * Moves tags between existing manifests without rebuilding anything: the production tag gets the
 * candidate's exact manifest bytes, so what was evaluated is byte for byte what is deployed. The
 * production digest it replaces is first saved under {@code previous}, for rollback.
 */
public final class TagMover {
    public static final String PREVIOUS = "previous";

    private final RegistryClient registry;
    private final String repository;

    public TagMover(RegistryClient registry, String repository) {
        this.registry = registry;
        this.repository = repository;
    }

    /**
     * Points {@code productionTag} at the candidate. A no-op when it already does.
     *
     * @param force promote even when the candidate's labels say its quality gates failed
     */
    public Promotion promote(String candidate, String productionTag, boolean force) {
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
        current.ifPresent(m -> registry.putManifest(repository, PREVIOUS, m));
        return move(productionTag, manifest, current.map(Manifest::digest).orElse(null));
    }

    /** Points {@code productionTag} back at the manifest saved under {@code previous}. */
    public Promotion rollback(String productionTag) {
        Manifest previous = registry.manifest(repository, PREVIOUS).orElseThrow(() -> new NothingToRollBackException(
                repository + " has no '" + PREVIOUS + "' tag: nothing was promoted over an earlier model, so there is"
                        + " nothing to roll back to"));
        String before = registry.digest(repository, productionTag).orElse(null);
        if (previous.digest().equals(before)) {
            return new Promotion(productionTag, before, before);
        }
        return move(productionTag, previous, before);
    }

    /** One PUT moves the tag (the registry swaps it atomically), then a HEAD checks where it points. */
    private Promotion move(String tag, Manifest target, String before) {
        registry.putManifest(repository, tag, target);
        String after = registry.digest(repository, tag).orElse(null);
        if (!target.digest().equals(after)) {
            throw new RemoteException(repository + ":" + tag + " points at " + after + " after the move, not at "
                    + target.digest() + "; check the registry");
        }
        return new Promotion(tag, before, after);
    }
}
