package dev.mlship.image;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import dev.mlship.config.ConfigException;
import dev.mlship.config.PackageSpec;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Opens a {@link RegistryClient} on the repository that {@code package.image} names. */
public final class Registries {
    private Registries() {}

    /** A client on the configured repository, e.g. registry "ghcr.io", repository "acme/credit-risk". */
    public record Repository(RegistryClient client, String registry, String repository) {
        public String reference(String tag) {
            return registry + "/" + repository + ":" + tag;
        }
    }

    /** Tag moves on the configured repository, retrying as the environment says ({@link RegistryRetry#from}). */
    public static TagMover tagMover(PackageSpec spec, Map<String, String> env, Consumer<String> log) {
        return tagMover(spec, env, RegistryRetry.from(env), log);
    }

    public static TagMover tagMover(PackageSpec spec, Map<String, String> env, RegistryRetry retry, Consumer<String> log) {
        Repository r = open(spec, env, retry, log);
        return new TagMover(r.client(), r.repository(), log);
    }

    /** @param log where each retry of a transient failure is reported */
    public static Repository open(PackageSpec spec, Map<String, String> env, RegistryRetry retry, Consumer<String> log) {
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
        RegistryClient client = new RegistryClient(ref.getRegistry(), plain, credential(ref, env), retry, log);
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
