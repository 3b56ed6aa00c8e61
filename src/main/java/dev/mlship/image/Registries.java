package dev.mlship.image;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import dev.mlship.config.ConfigException;
import dev.mlship.config.PackageSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Opens a {@link RegistryClient} on the repository that {@code package.image} names. */
public final class Registries {
    private Registries() {}

    /** Client and repository for the configured image; retries 4 times with backoff from 200 ms. */
    public static TagMover tagMover(PackageSpec spec, Map<String, String> env) {
        return tagMover(spec, env, 4, Duration.ofMillis(200));
    }

    public static TagMover tagMover(PackageSpec spec, Map<String, String> env, int attempts, Duration backoff) {
        if (spec == null || spec.image() == null) {
            throw new ConfigException("package.image is not set: promotion moves tags in a registry; set package.image"
                    + " to the repository the candidates are pushed to");
        }
        ImageReference ref;
        try {
            ref = ImageReference.parse(spec.image());
        } catch (InvalidImageReferenceException e) {
            throw new ConfigException("package.image: '" + spec.image() + "' is not a valid image reference");
        }
        boolean plain = spec.insecure() || ModelImageBuilder.isLoopback(ref.getRegistry());
        RegistryClient client = new RegistryClient(ref.getRegistry(), plain, credential(ref, env), attempts, backoff);
        return new TagMover(client, ref.getRepository());
    }

    private static Optional<Credential> credential(ImageReference ref, Map<String, String> env) {
        Optional<Credential> fromEnv = RegistryCredentials.forRegistry(ref.getRegistry(), env);
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        try {
            return CredentialRetrieverFactory.forImage(ref, event -> {}, env).dockerConfig().retrieve();
        } catch (CredentialRetrievalException e) {
            return Optional.empty();
        }
    }
}
