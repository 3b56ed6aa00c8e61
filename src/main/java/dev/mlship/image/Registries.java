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

    /** A client on the configured repository, e.g. registry "ghcr.io", repository "acme/credit-risk". */
    public record Repository(RegistryClient client, String registry, String repository) {
        public String reference(String tag) {
            return registry + "/" + repository + ":" + tag;
        }
    }

    /** Tag moves on the configured repository; retries 4 times with backoff from 200 ms. */
    public static TagMover tagMover(PackageSpec spec, Map<String, String> env) {
        return tagMover(spec, env, 4, Duration.ofMillis(200));
    }

    public static TagMover tagMover(PackageSpec spec, Map<String, String> env, int attempts, Duration backoff) {
        Repository r = open(spec, env, attempts, backoff);
        return new TagMover(r.client(), r.repository());
    }

    public static Repository open(PackageSpec spec, Map<String, String> env, int attempts, Duration backoff) {
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
        return new Repository(client, ref.getRegistry(), ref.getRepository());
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
