package dev.mlship.image;

import java.nio.file.Path;
import java.util.List;

/** Where an image goes: a tar file (no registry needed) or a registry repository with tags. */
public sealed interface ImageTarget {
    /** An OCI image tar, e.g. mlship-out/image.tar; {@code reference} is the name recorded inside. */
    record Tar(Path file, String reference) implements ImageTarget {}

    /**
     * A registry: {@code repository} without tag (e.g. ghcr.io/acme/credit-risk); the first tag is the
     * candidate tag, the others extra tags. {@code insecure} allows plain HTTP beyond loopback.
     */
    record Registry(String repository, List<String> tags, boolean insecure) implements ImageTarget {
        public Registry {
            tags = List.copyOf(tags);
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("a registry target needs at least one tag");
            }
        }
    }
}
