package dev.mlship.ci;

import java.util.List;

/** The comments (GitHub) or notes (GitLab) of one pull / merge request, as the token's account sees them. */
public interface ReviewThread {
    /** A comment: its id, its body and whether the token's own account wrote it. */
    record Comment(String id, String body, boolean mine) {}

    /** Every comment, all pages, oldest first. */
    List<Comment> comments();

    void create(String body);

    void update(String id, String body);
}
