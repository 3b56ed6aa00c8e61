package dev.mlship.cli;

import dev.mlship.image.Promotion;

final class Moves {
    private Moves() {}

    /** "production: sha256:old -> sha256:new", or that nothing changed. */
    static String describe(Promotion p) {
        String before = p.before() == null ? "(none)" : p.before();
        return p.changed() ? p.tag() + ": " + before + " -> " + p.after() : p.tag() + ": already " + p.after() + ", unchanged";
    }
}
