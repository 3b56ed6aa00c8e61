package dev.mlship.image;

import dev.mlship.Hashes;

/** The content digest of manifest bytes, "sha256:<hex>". */
final class ImageDigest {
    private ImageDigest() {}

    static String of(byte[] bytes) {
        return "sha256:" + Hashes.sha256(bytes);
    }
}
