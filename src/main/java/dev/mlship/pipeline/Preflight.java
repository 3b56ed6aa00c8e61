package dev.mlship.pipeline;

import dev.mlship.config.ConfigException;
import dev.mlship.config.PackageSpec;
import dev.mlship.config.Settings;
import dev.mlship.image.Registries;
import dev.mlship.image.RegistryRetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks, before any model is trained, what the run needs only at its end: the --baseline
 * path, a writable output folder and, when package.image is set, that the registry answers and accepts
 * the credentials. A wrong one then costs seconds instead of a whole training run.
 */
final class Preflight {
    /** Few retries: a registry that is down now is reported now, not after a backoff meant for pushes. */
    private static final int REGISTRY_ATTEMPTS = 2;

    private Preflight() {}

    static void run(Settings settings, RunOptions options, Map<String, String> env, StageLog log) {
        if (options.baseline() != null) {
            BaselineStage.localModelFile(options.baseline());
        }
        checkWritable(options.outDir());
        PackageSpec packaging = settings.spec().packaging();
        // The registry is needed to push, and to read the deployed model unless a local baseline stands in
        // for it or reading it is allowed to fail (a fork's pull request has no credentials).
        boolean needsRegistry = packaging != null && packaging.image() != null
                && (options.push() || options.baseline() == null && !options.baselineBestEffort());
        if (needsRegistry) {
            Registries.Repository r = Registries.open(packaging, env,
                    RegistryRetry.from(env).withAttempts(REGISTRY_ATTEMPTS), log::info);
            r.client().checkAccess(r.repository());
            log.info("registry " + r.registry() + " answers and accepts the credentials for " + r.repository());
        }
    }

    /**
     * The output folder is replaced by a sibling staged in its parent: the nearest folder that exists on the
     * way there must take a new file.
     */
    private static void checkWritable(Path outDir) {
        Path target = outDir.toAbsolutePath().normalize();
        Path existing = target.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new ConfigException("--out " + outDir + ": " + (existing == null ? "no folder on its path exists"
                    : existing + " is a file, not a folder") + "; choose another --out");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".mlship-preflight-", ".tmp"));
        } catch (IOException e) {
            throw new ConfigException("--out " + outDir + ": cannot write in " + existing + " (" + e.getMessage()
                    + "); choose a writable folder with --out", e);
        }
    }
}
