package dev.mlship.image;

/**
 * The tag every candidate image gets: {@code sha-<commit>} for the commit the user pushed, or outside a
 * git work tree {@code local-<first 12 hex of the model's sha256>} (DESIGN.md, "Tags").
 */
public final class CandidateTag {
    private CandidateTag() {}

    public static String of(String commit, String modelSha256) {
        if (commit != null && commit.matches("[0-9a-f]{7,64}")) {
            return "sha-" + commit;
        }
        return "local-" + modelSha256.substring(0, 12);
    }
}
