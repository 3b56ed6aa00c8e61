package dev.mlship.image;

import java.util.List;

/** An image that was built: where it went, its manifest digest, and every tag it carries. */
public record BuiltImage(String reference, String digest, List<String> tags, String tar) {
    public BuiltImage {
        tags = List.copyOf(tags);
    }
}
