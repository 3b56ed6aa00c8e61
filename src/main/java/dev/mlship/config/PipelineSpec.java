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

    /** This spec with package.image replaced (the CI's image input). */
    public PipelineSpec withImage(String image) {
        PackageSpec p = packaging != null ? packaging : new PackageSpec(null, null, null, null);
        return new PipelineSpec(name, data, prepare, model, evaluate,
                new PackageSpec(image, p.baseImage(), p.tags(), p.insecure()), promote);
    }

    /** This spec with promote.tag replaced (the CI's production_tag input). */
    public PipelineSpec withProductionTag(String tag) {
        return new PipelineSpec(name, data, prepare, model, evaluate, packaging, new PromoteSpec(tag));
    }

    public PipelineSpec {
        prepare = prepare == null ? PrepareSpec.DEFAULT : prepare;
        evaluate = evaluate == null ? EvaluateSpec.DEFAULT : evaluate;
    }
}
