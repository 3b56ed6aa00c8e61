package dev.mlship.image;

/** What a promotion or rollback did: the digest the tag pointed at before (null: none) and after. */
public record Promotion(String tag, String before, String after) {
    public boolean changed() {
        return !after.equals(before);
    }
}
