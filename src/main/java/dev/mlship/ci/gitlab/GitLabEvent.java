package dev.mlship.ci.gitlab;

import dev.mlship.ci.CiEvent;
import dev.mlship.config.ConfigException;
import java.util.Map;

/**
 * Reads GitLab's predefined variables. A merge request pipeline's candidate is the source branch's head
 * ({@code CI_MERGE_REQUEST_SOURCE_BRANCH_SHA} in merged-results pipelines, else {@code CI_COMMIT_SHA}).
 */
final class GitLabEvent {
    private GitLabEvent() {}

    static CiEvent of(Map<String, String> env) {
        String sha = env.get("CI_COMMIT_SHA");
        String iid = env.get("CI_MERGE_REQUEST_IID");
        if (present(iid)) {
            String head = present(env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA")) ? env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA") : sha;
            String source = env.get("CI_MERGE_REQUEST_SOURCE_PROJECT_ID");
            String target = env.get("CI_MERGE_REQUEST_PROJECT_ID");
            String readOnly = present(source) && present(target) && !source.equals(target)
                    ? "merge request from the fork project " + source : null;
            if (!iid.trim().matches("[0-9]{1,9}")) {
                throw new ConfigException("CI_MERGE_REQUEST_IID: '" + iid + "' is not a merge request number");
            }
            return new CiEvent(CiEvent.Kind.REVIEW, Integer.parseInt(iid.trim()), head, readOnly);
        }
        String branch = env.get("CI_COMMIT_BRANCH");
        if (present(branch) && branch.equals(env.get("CI_DEFAULT_BRANCH"))) {
            return new CiEvent(CiEvent.Kind.DEFAULT_BRANCH, null, sha, null);
        }
        return CiEvent.other(sha);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
