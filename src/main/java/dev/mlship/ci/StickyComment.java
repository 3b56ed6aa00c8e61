package dev.mlship.ci;

/**
 * One comment per pipeline, updated on every push: the comment that carries the pipeline's marker AND
 * was written by the token's own account is edited; otherwise a new one is created. A person quoting the
 * marker never has their comment edited.
 */
public final class StickyComment {
    public enum Outcome { CREATED, UPDATED }

    private StickyComment() {}

    public static Outcome upsert(ReviewThread thread, String marker, String body) {
        for (ReviewThread.Comment c : thread.comments()) {
            if (c.mine() && c.body() != null && c.body().contains(marker)) {
                thread.update(c.id(), body);
                return Outcome.UPDATED;
            }
        }
        thread.create(body);
        return Outcome.CREATED;
    }
}
