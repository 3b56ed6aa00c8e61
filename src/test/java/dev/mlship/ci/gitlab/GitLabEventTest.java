package dev.mlship.ci.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.ci.CiEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GitLab's predefined variables, as a job sees them. */
class GitLabEventTest {
    @Test
    void aMergeRequestPipelineUsesTheSourceBranchHeadWhenGitLabGivesIt() {
        assertThat(GitLabEvent.of(Map.of("CI_MERGE_REQUEST_IID", "12", "CI_COMMIT_SHA", "aaa1111",
                "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", "bbb2222", "CI_MERGE_REQUEST_PROJECT_ID", "42",
                "CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "42")))
                .isEqualTo(new CiEvent(CiEvent.Kind.REVIEW, 12, "bbb2222", null));
        assertThat(GitLabEvent.of(Map.of("CI_MERGE_REQUEST_IID", "12", "CI_COMMIT_SHA", "aaa1111",
                "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", "")).candidateCommit()).isEqualTo("aaa1111");
    }

    @Test
    void aForkProjectsMergeRequestIsReadOnly() {
        assertThat(GitLabEvent.of(Map.of("CI_MERGE_REQUEST_IID", "3", "CI_COMMIT_SHA", "aaa1111",
                "CI_MERGE_REQUEST_PROJECT_ID", "42", "CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "77")).readOnly())
                .isEqualTo("merge request from the fork project 77");
    }

    @Test
    void theDefaultBranchPromotesAndOtherBranchesDoNot() {
        assertThat(GitLabEvent.of(Map.of("CI_COMMIT_BRANCH", "main", "CI_DEFAULT_BRANCH", "main", "CI_COMMIT_SHA", "ccc3333")))
                .isEqualTo(new CiEvent(CiEvent.Kind.DEFAULT_BRANCH, null, "ccc3333", null));
        assertThat(GitLabEvent.of(Map.of("CI_COMMIT_BRANCH", "dev", "CI_DEFAULT_BRANCH", "main", "CI_COMMIT_SHA", "ccc3333")).kind())
                .isEqualTo(CiEvent.Kind.OTHER);
    }
}
