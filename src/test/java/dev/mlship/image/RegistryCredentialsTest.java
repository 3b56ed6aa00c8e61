package dev.mlship.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Credential;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {
    @Test
    void mlshipsOwnVariablesComeFirst() {
        Map<String, String> env = Map.of("MLSHIP_REGISTRY_USERNAME", "u", "MLSHIP_REGISTRY_PASSWORD", "p", "GITHUB_TOKEN", "t");
        assertThat(RegistryCredentials.forRegistry("ghcr.io", env)).contains(Credential.from("u", "p"));
    }

    @Test
    void githubsTokenOpensGhcrOnly() {
        Map<String, String> env = Map.of("GITHUB_TOKEN", "ghs_x", "GITHUB_ACTOR", "octocat");
        assertThat(RegistryCredentials.forRegistry("ghcr.io", env)).contains(Credential.from("octocat", "ghs_x"));
        assertThat(RegistryCredentials.forRegistry("registry.example.com", env)).isEmpty();
    }

    @Test
    void gitlabsJobCredentialsOpenItsOwnRegistryOnly() {
        Map<String, String> env = Map.of("CI_REGISTRY", "registry.gitlab.com", "CI_REGISTRY_USER", "gitlab-ci-token",
                "CI_REGISTRY_PASSWORD", "job-token");
        assertThat(RegistryCredentials.forRegistry("registry.gitlab.com", env))
                .contains(Credential.from("gitlab-ci-token", "job-token"));
        assertThat(RegistryCredentials.forRegistry("ghcr.io", env)).isEmpty();
    }
}
