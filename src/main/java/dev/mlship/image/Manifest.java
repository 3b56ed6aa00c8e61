package dev.mlship.image;

/** A manifest exactly as the registry served it: its bytes, media type and digest. */
public record Manifest(byte[] bytes, String mediaType, String digest) {}
