package dev.mlship.pipeline;

import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.MetricName;
import dev.mlship.config.ModelSpec;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.Settings;
import dev.mlship.data.DataException;
import dev.mlship.data.KFold;
import dev.mlship.data.Split;
import dev.mlship.evaluate.Target;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import dev.mlship.train.CrossValidation;
import dev.mlship.train.FittedModel;
import dev.mlship.train.Grid;
import dev.mlship.train.Params;
import dev.mlship.train.RandomSearch;
import dev.mlship.train.SearchResult;
import dev.mlship.train.Trainer;
import dev.mlship.train.TrainingDiverged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chooses the hyper-parameters by cross-validation on the training split (one candidate, a grid or random
 * draws), then refits the winner, with its preprocessing, on every training row.
 */
final class TrainStage {
    private TrainStage() {}

    /** The search's outcome and its winner refitted on every training row. */
    record Trained(SearchResult search, FittedPreprocessor preprocessor, FittedModel model) {}

    static Trained run(Settings settings, PreparedData data, List<MetricName> metrics, MetricName primary, StageLog log) {
        ModelSpec model = settings.spec().model();
        long seed = PipelineRunner.seed(settings);
        int k = model.search() != null && model.search().folds() != null ? model.search().folds()
                : settings.spec().evaluate().folds();
        Target trainTarget = data.trainTarget();
        int[] strata = trainTarget instanceof Target.Classes c ? c.codes() : null;
        int trainRows = data.split().train().length;
        if (trainRows < k) {
            throw new DataException(settings.spec().data().path() + ": " + trainRows + " training rows but " + k
                    + " folds; lower evaluate.folds (or model.search.folds) or add data");
        }
        List<Split> folds = KFold.of(trainRows, strata, k, seed);

        List<Params> candidates = new ArrayList<>();
        for (Map<String, Object> raw : candidates(model, seed)) {
            candidates.add(new Params(AlgorithmParams.resolve(model.algorithm(), model.task(), raw)));
        }
        log.info(model.algorithm().id() + ": " + candidates.size() + " candidate(s) x " + k + " folds, by "
                + primary.id());
        if (model.algorithm().wantsScaledInputs() && settings.spec().prepare().scale() == PrepareSpec.Scaling.NONE) {
            // A warning, not an error: the CSV's columns may already be on comparable scales.
            log.warn(model.algorithm().id() + " with prepare.scale: none: features on large or unequal scales slow "
                    + "or spoil its training; prepare.scale: standard is the usual choice");
        }
        if (model.algorithm().trainsOnOpenBlas()) {
            dev.mlship.train.OpenBlas.alignmentWarning(dev.mlship.train.OpenBlas.objectAlignment()).ifPresent(log::warn);
        }
        noteImputedMissingValues(settings, data, log);
        var cv = new CrossValidation(data.train(), data.features(), trainTarget, settings.spec().prepare(),
                model.algorithm(), folds, seed, log::info);
        SearchResult search;
        FittedPreprocessor prep;
        FittedModel fitted;
        try {
            search = cv.search(candidates, metrics, primary);
            prep = Preprocessor.fit(data.train(), data.features(), settings.spec().prepare());
            fitted = Trainer.fit(model.algorithm(), prep, data.train(), trainTarget, search.winner().params(), seed);
        } catch (TrainingDiverged e) {
            throw settings.error("model.algorithm", e.getMessage());
        }
        log.info("refit on " + trainRows + " training rows with " + search.winner().params()
                + (fitted.fitNote().isEmpty() ? "" : "; " + fitted.fitNote()));
        return new Trained(search, prep, fitted);
    }

    /** For an algorithm that takes NaN, says when missing numbers are imputed anyway, and how not to. */
    private static void noteImputedMissingValues(Settings settings, PreparedData data, StageLog log) {
        var strategy = settings.spec().prepare().impute().numeric();
        boolean missing = data.features().stream().flatMap(f -> java.util.stream.Stream.of(data.train(), data.test())
                        .map(t -> t.column(f)))
                .anyMatch(c -> c instanceof dev.mlship.data.NumericColumn n
                        && java.util.Arrays.stream(n.values()).anyMatch(Double::isNaN));
        if (settings.spec().model().algorithm().takesMissingValues() && strategy != PrepareSpec.Strategy.NONE && missing) {
            log.info("missing numbers are imputed (" + strategy.id() + ") before " + settings.spec().model().algorithm().id()
                    + " sees them; prepare.impute.numeric: none hands them over as NaN, for XGBoost to learn where they go");
        }
    }

    /** The raw param sets to score: one (no search), every grid combination, or the random draws. */
    private static List<Map<String, Object>> candidates(ModelSpec model, long seed) {
        var search = model.search();
        if (search == null) {
            return List.of(model.params());
        }
        if (search.method() == ModelSpec.SearchSpec.Method.GRID) {
            return Grid.expand(model.params(), search.space());
        }
        return RandomSearch.draw(model.params(), search.space(), search.trialCount(), seed, name -> AlgorithmParams
                .find(model.algorithm(), model.task(), name).map(p -> p.type() == AlgorithmParams.Type.INTEGER).orElse(false));
    }
}
