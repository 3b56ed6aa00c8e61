package dev.mlship.ci;

/**
 * What triggered the job, as the forge describes it.
 *
 * @param kind a review (pull / merge request), a push to the default branch, or anything else
 * @param request the pull request number or merge request IID of a review, else null
 * @param candidateCommit the commit the candidate is tagged with: a review's head commit (never GitHub's
 *     temporary merge commit), else the commit being built; null when unknown
 * @param readOnly why this job cannot push or comment (a fork's review), or null when it can
 */
public record CiEvent(Kind kind, Integer request, String candidateCommit, String readOnly) {
    public enum Kind { REVIEW, DEFAULT_BRANCH, OTHER }

    public static CiEvent other(String commit) {
        return new CiEvent(Kind.OTHER, null, commit, null);
    }
}
