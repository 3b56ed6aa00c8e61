package dev.mlship.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a user writes in mlship.yaml, as parsed. Absent sections get their defaults here; checks that
 * need the source location (ranges, names) live in {@link SpecValidator}.
 */
public record PipelineSpec(
        String name,
        DataSpec data,
        PrepareSpec prepare,
        ModelSpec model,
        EvaluateSpec evaluate,
        @JsonProperty("package") PackageSpec packaging,
        PromoteSpec promote) {

    /** The tag that marks the deployed model: promote.tag, "production" by default. */
    public String productionTag() {
        return promote != null ? promote.tag() : new PromoteSpec(null).tag();
    }

    public PipelineSpec {
        prepare = prepare == null ? PrepareSpec.DEFAULT : prepare;
        evaluate = evaluate == null ? EvaluateSpec.DEFAULT : evaluate;
    }
}
