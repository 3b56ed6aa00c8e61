package dev.mlship.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.mlship.Version;
import dev.mlship.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Builds a model image with Jib, without a Docker daemon: the model and its card in one layer at
 * /models/NAME/, OCI format, epoch timestamps and a pinned tool name, so the same content gives the same
 * digest on every run and machine. FROM scratch (a model-only image KServe can mount) unless a base image
 * is given, which makes it a serving image that runs as a non-root user.
 */
public final class ModelImageBuilder {
    /** The unprivileged user the serving image runs as (the "nonroot" user of distroless images). */
    static final String SERVING_USER = "65532:65532";
    static final int SERVING_PORT = 8080;

    private final Map<String, String> env;
    private final Path cacheDir;
    private final Consumer<String> log;
    private final RegistryRetry retry;

    public ModelImageBuilder(Map<String, String> env, Path cacheDir, Consumer<String> log) {
        this.env = Map.copyOf(env);
        this.cacheDir = cacheDir;
        this.log = log;
        this.retry = RegistryRetry.from(env);
    }

    public BuiltImage build(ImageContent content, ImageTarget target) {
        Path staging = null;
        try {
            Files.createDirectories(cacheDir);
            staging = Files.createTempDirectory(cacheDir, "layer-");
            Path onnx = Files.write(staging.resolve("model.onnx"), content.onnx());
            Path card = Files.write(staging.resolve("model-card.json"), content.modelCard());
            String dir = "/models/" + content.name() + "/";
            FilePermissions readable = FilePermissions.fromOctalString("644");
            FileEntriesLayer.Builder files = FileEntriesLayer.builder()
                    .setName("model")
                    .addEntry(onnx, AbsoluteUnixPath.get(dir + "model.onnx"), readable, Instant.EPOCH)
                    .addEntry(card, AbsoluteUnixPath.get(dir + "model-card.json"), readable, Instant.EPOCH);
            if (content.statistics() != null) {
                Path statistics = Files.write(staging.resolve("statistics.json"), content.statistics());
                files.addEntry(statistics, AbsoluteUnixPath.get(dir + "statistics.json"), readable, Instant.EPOCH);
            }
            FileEntriesLayer layer = files.build();
            JibContainerBuilder image = base(content.baseImage())
                    .addFileEntriesLayer(layer)
                    .setLabels(content.labels())
                    .setFormat(ImageFormat.OCI)
                    .setCreationTime(Instant.EPOCH);
            if (content.baseImage() != null) {
                image.setEntrypoint(servingEntrypoint(content.name()))
                        .setProgramArguments(List.of())
                        .setUser(SERVING_USER)
                        .addExposedPort(Port.tcp(SERVING_PORT));
            }
            return containerize(image, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the image layer in " + cacheDir, e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * The entrypoint of an image built on a base image: serve the model of that name. A container
     * platform's arguments (Kubernetes {@code args}) are appended to it.
     */
    public static List<String> servingEntrypoint(String name) {
        return List.of("mlship", "serve", "--model", ImageContent.modelPath(name),
                "--port", String.valueOf(SERVING_PORT));
    }

    private JibContainerBuilder base(String baseImage) {
        if (baseImage == null) {
            return Jib.fromScratch();
        }
        return Jib.from(registryImage(reference(baseImage, "package.base_image")));
    }

    private BuiltImage containerize(JibContainerBuilder image, ImageTarget target) {
        Containerizer containerizer;
        String reference;
        switch (target) {
            case ImageTarget.Tar tar -> {
                reference = tar.reference();
                containerizer = Containerizer.to(TarImage.at(tar.file()).named(reference(reference, "package.image")));
            }
            case ImageTarget.Registry registry -> {
                ImageReference ref = reference(registry.repository() + ":" + registry.tags().getFirst(), "package.image");
                reference = ref.toString();
                containerizer = Containerizer.to(registryImage(ref)).setAllowInsecureRegistries(registry.insecure()
                        || isLoopback(ref.getRegistry()));
                registry.tags().stream().skip(1).forEach(containerizer::withAdditionalTag);
            }
        }
        containerizer.setToolName("mlship")
                .setToolVersion(Version.MLSHIP)
                .setBaseImageLayersCache(cacheDir.resolve("base"))
                .setApplicationLayersCache(cacheDir.resolve("application"));
        try {
            JibContainer built = containerizeWithRetries(image, containerizer, target, reference);
            List<String> tags = new ArrayList<>(built.getTags());
            tags.sort(null);
            String tar = target instanceof ImageTarget.Tar t ? t.file().toString() : null;
            return new BuiltImage(reference, built.getDigest().toString(), tags, tar);
        } catch (RegistryUnauthorizedException e) {
            throw new RemoteException("registry refused access to " + e.getImageReference() + " (unauthorized); set"
                    + " MLSHIP_REGISTRY_USERNAME and MLSHIP_REGISTRY_PASSWORD, or log in with docker login", e);
        } catch (InsecureRegistryException e) {
            throw new RemoteException("registry for " + reference + " does not speak HTTPS; set package.insecure: true"
                    + " only if plain HTTP is really intended", e);
        } catch (RegistryException e) {
            throw new RemoteException("registry error for " + reference + ": " + oneLine(e.getMessage()), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RemoteException("cannot push " + reference + ": " + oneLine(String.valueOf(cause.getMessage())), e);
        } catch (IOException e) {
            throw new RemoteException("cannot build " + reference + ": " + oneLine(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted while building " + reference, e);
        } catch (com.google.cloud.tools.jib.api.CacheDirectoryCreationException e) {
            throw new UncheckedIOException(new IOException("cannot create the image cache in " + cacheDir, e));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RemoteException("cannot push " + reference + ": " + oneLine(RegistryRetry.describe(e)), e);
        }
    }

    /**
     * Pushes (or writes the tar) under the registry retry policy. Re-running a push is safe: blobs are
     * content-addressed, and Jib checks which ones the registry has and uploads only the others; the
     * manifest goes up last, so the tags appear only on a complete image.
     */
    private JibContainer containerizeWithRetries(JibContainerBuilder image, Containerizer containerizer, ImageTarget target,
            String reference) throws Exception {
        if (target instanceof ImageTarget.Tar) {
            return image.containerize(containerizer);
        }
        long start = System.nanoTime();
        int[] attempts = {0};
        try {
            return Failsafe.with(retry.<JibContainer>policy("push " + reference, log)).get(() -> {
                attempts[0]++;
                return image.containerize(containerizer);
            });
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (attempts[0] > 1 && RegistryRetry.isTransient(cause)) {
                throw new RemoteException("cannot push " + reference + ": " + oneLine(RegistryRetry.describe(cause))
                        + " after " + attempts[0] + " attempts in " + Duration.ofNanos(System.nanoTime() - start).toSeconds()
                        + " s; the registry kept failing: try again later, or check its status page", cause);
            }
            throw cause instanceof Exception ex ? ex : new ExecutionException(cause);
        }
    }

    private RegistryImage registryImage(ImageReference ref) {
        RegistryImage image = RegistryImage.named(ref);
        RegistryCredentials.forRegistry(ref.getRegistry(), env).ifPresent(c -> image.addCredential(c.getUsername(), c.getPassword()));
        CredentialRetrieverFactory docker = CredentialRetrieverFactory.forImage(ref, event -> {}, env);
        image.addCredentialRetriever(docker.dockerConfig());
        image.addCredentialRetriever(docker.wellKnownCredentialHelpers());
        if (isLoopback(ref.getRegistry())) {
            // Jib sends credentials over plain HTTP only when told; loopback traffic never leaves the machine.
            System.setProperty("sendCredentialsOverHttp", "true");
        }
        return image;
    }

    private static ImageReference reference(String text, String key) {
        try {
            return ImageReference.parse(text);
        } catch (InvalidImageReferenceException e) {
            throw new ConfigException(key + ": '" + text + "' is not a valid image reference (e.g. ghcr.io/acme/model)");
        }
    }

    static boolean isLoopback(String registry) {
        String host = registry.replaceFirst(":\\d+$", "").replaceAll("^\\[|]$", "");
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: do not resolve it, DNS could say anything
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover staging folder in the cache is harmless.
        }
    }
}
