package dev.mlship.config;

import java.util.List;

/** The `package` section (image, base image, extra tags). Accepted now, used by the packaging stage. */
public record PackageSpec(String image, String baseImage, List<String> tags) {
    public PackageSpec {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
