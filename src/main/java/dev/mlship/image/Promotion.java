package dev.mlship.image;

/** What a promotion or rollback did: the digest the tag pointed at before (null: none) and after. */
public record Promotion(String tag, String before, String after) {
    public boolean changed() {
        return !after.equals(before);
    }

    /** "production: sha256:old -> sha256:new", or that nothing changed. */
    public String describe() {
        String from = before == null ? "(none)" : before;
        return changed() ? tag + ": " + from + " -> " + after : tag + ": already " + after + ", unchanged";
    }
}
