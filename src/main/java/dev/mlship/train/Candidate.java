package dev.mlship.train;

import dev.mlship.config.MetricName;
import java.util.Map;

/** One point of the search and how it scored in cross-validation. */
public record Candidate(Params params, Map<MetricName, CvScore> cv) {}
