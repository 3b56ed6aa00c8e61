package dev.mlship.ci;

import java.util.Optional;
import java.util.function.Consumer;

/** The CI service a job runs on: what triggered it, its API, and how it shows results. */
public interface Forge {
    /** "GitHub Actions", "GitLab CI" or "plain CI", for the log. */
    String name();

    CiEvent event();

    /** The head commit of the pull / merge request that merged {@code commit}, if one did. */
    Optional<String> mergedRequestHead(String commit);

    /** The review's comment thread, or empty after telling {@code why} it cannot be written. */
    Optional<ReviewThread> reviewThread(Consumer<String> why);

    JobOutputs outputs();

    /** The repository to push to when neither the image input nor package.image names one. */
    default Optional<String> defaultImage(String pipelineName) {
        return Optional.empty();
    }
}
