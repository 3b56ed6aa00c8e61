package dev.mlship.config;

/** The `promote` section: the tag that marks the deployed model. */
public record PromoteSpec(String tag) {
    public PromoteSpec {
        tag = tag == null ? "production" : tag;
    }
}
