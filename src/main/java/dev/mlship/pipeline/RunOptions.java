package dev.mlship.pipeline;

import java.nio.file.Path;

/**
 * How one run is carried out beyond its config.
 *
 * @param outDir the output folder
 * @param baseline a local model.onnx or output folder to compare with instead of the deployed image, or null
 * @param commit the commit the candidate is tagged with ({@code sha-<commit>}); null: the checked-out one
 * @param push push the image to package.image; false builds image.tar even when a registry is configured
 *     (a fork's pull request has no registry credentials)
 * @param baselineBestEffort a registry that refuses to show the deployed model is a note, not an error
 */
public record RunOptions(Path outDir, Path baseline, String commit, boolean push, boolean baselineBestEffort) {
    /** What `mlship run` does: the checked-out commit, push when a registry is configured. */
    public static RunOptions local(Path outDir, Path baseline) {
        return new RunOptions(outDir, baseline, null, true, false);
    }
}
