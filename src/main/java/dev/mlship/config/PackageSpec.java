package dev.mlship.config;

import java.util.List;

/**
 * The `package` section. {@code image}: the registry repository to push to (absent: an image tar in
 * the output folder); {@code baseImage}: makes a serving image (absent: a model-only image FROM scratch);
 * {@code tags}: extra tags beside the candidate's {@code sha-<commit>}; {@code insecure}: allow plain
 * HTTP to a registry that is not on loopback.
 */
public record PackageSpec(String image, String baseImage, List<String> tags, Boolean insecure) {
    public PackageSpec {
        tags = tags == null ? List.of() : List.copyOf(tags);
        insecure = insecure != null && insecure;
    }
}
