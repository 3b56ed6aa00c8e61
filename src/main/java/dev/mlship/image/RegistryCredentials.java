package dev.mlship.image;

import com.google.cloud.tools.jib.api.Credential;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials for a registry from the CI's environment, in this order: mlship's own variables, GitHub's
 * token for ghcr.io, GitLab's job credentials for its own registry. Docker's config.json and credential
 * helpers are tried after these by the image builder.
 */
public final class RegistryCredentials {
    private RegistryCredentials() {}

    public static Optional<Credential> forRegistry(String registry, Map<String, String> env) {
        String user = env.get("MLSHIP_REGISTRY_USERNAME");
        String password = env.get("MLSHIP_REGISTRY_PASSWORD");
        if (present(user) && present(password)) {
            return Optional.of(Credential.from(user, password));
        }
        if (registry.equals("ghcr.io") && present(env.get("GITHUB_TOKEN"))) {
            // ghcr.io accepts any user name with a token; the actor is what GitHub's own docs use.
            String actor = present(env.get("GITHUB_ACTOR")) ? env.get("GITHUB_ACTOR") : "mlship";
            return Optional.of(Credential.from(actor, env.get("GITHUB_TOKEN")));
        }
        String gitlab = env.get("CI_REGISTRY");
        if (present(gitlab) && stripPort(gitlab).equals(stripPort(registry)) && present(env.get("CI_REGISTRY_USER"))
                && present(env.get("CI_REGISTRY_PASSWORD"))) {
            return Optional.of(Credential.from(env.get("CI_REGISTRY_USER"), env.get("CI_REGISTRY_PASSWORD")));
        }
        return Optional.empty();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String stripPort(String host) {
        return host.replaceFirst(":443$", "");
    }
}
