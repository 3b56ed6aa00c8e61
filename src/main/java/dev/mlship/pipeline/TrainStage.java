package dev.mlship.pipeline;

import dev.mlship.config.AlgorithmName;
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
import dev.mlship.train.AutoCandidate;
import dev.mlship.train.AutoPortfolio;
import dev.mlship.train.AutoSearch;
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
 * draws; with {@code algorithm: auto} also the learner, by {@link AutoSearch}), then refits the winner, with its
 * preprocessing, on every training row.
 */
final class TrainStage {
    private TrainStage() {}

    /**
     * The search's outcome and its winner refitted on every training row. {@code algorithm} is the one trained: the
     * config's, or with {@code auto} the winner's, which every output then names.
     */
    record Trained(AlgorithmName algorithm, SearchResult search, FittedPreprocessor preprocessor, FittedModel model) {}

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
        if (model.isAuto()) {
            return auto(settings, data, folds, metrics, primary, log);
        }

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
        noteBeforeTraining(settings, data, model.algorithm(), log);
        var cv = new CrossValidation(data.train(), data.features(), trainTarget, settings.spec().prepare(),
                model.algorithm(), folds, seed, log::info);
        SearchResult search;
        try {
            search = cv.search(candidates, metrics, primary);
        } catch (TrainingDiverged e) {
            throw settings.error("model.algorithm", e.getMessage());
        }
        return refit(settings, data, model.algorithm(), search, search.winner().params(), "", log);
    }

    /** {@code algorithm: auto}: the search over learners, then the winner refitted as if the config had named it. */
    private static Trained auto(Settings settings, PreparedData data, List<Split> folds, List<MetricName> metrics,
            MetricName primary, StageLog log) {
        ModelSpec model = settings.spec().model();
        long seed = PipelineRunner.seed(settings);
        ModelSpec.AutoSpec budget = model.autoBudget();
        List<AutoCandidate> candidates = AutoPortfolio.of(model.task(), budget.trialCount(), seed);
        var search = new AutoSearch(data.train(), data.features(), data.trainTarget(), settings.spec().prepare(), folds, seed,
                log::info);
        AutoSearch.Outcome outcome;
        try {
            outcome = search.run(candidates, metrics, primary, budget.maxSeconds());
        } catch (AutoSearch.CapTooShort e) {
            throw settings.error("model.auto.max_seconds", String.format(java.util.Locale.ROOT,
                    "%s s is shorter than one fold's fit (%s); raise it to at least %d, or remove it", budget.maxSeconds(),
                    e.getMessage(), (long) Math.ceil(e.foldSeconds() * folds.size() * 2)));
        }
        if (outcome.leaderboard().stoppedEarly()) {
            log.warn("model.auto.max_seconds stopped the search after " + outcome.leaderboard().evaluations()
                    + " scorings: the model chosen depends on this machine's speed; without max_seconds, trials alone decide");
        }
        AlgorithmName algorithm = outcome.winner().algorithm();
        noteBeforeTraining(settings, data, algorithm, log);
        return refit(settings, data, algorithm, outcome.search(), outcome.winner().params(), algorithm.id() + " ", log);
    }

    /**
     * The chosen params refitted, with their preprocessing, on every training row. {@code named} is "" for the
     * config's own algorithm, or the algorithm's id and a space when {@code auto} chose it, for the log and errors.
     */
    private static Trained refit(Settings settings, PreparedData data, AlgorithmName algorithm, SearchResult search,
            Params params, String named, StageLog log) {
        FittedPreprocessor prep = Preprocessor.fit(data.train(), data.features(), settings.spec().prepare());
        FittedModel fitted;
        try {
            fitted = Trainer.fit(algorithm, prep, data.train(), data.trainTarget(), params, PipelineRunner.seed(settings));
        } catch (TrainingDiverged e) {
            throw settings.error("model.algorithm", (named.isEmpty() ? "" : named + "(chosen by auto): ") + e.getMessage());
        }
        log.info("refit " + named + "on " + data.split().train().length + " training rows with " + params
                + (fitted.fitNote().isEmpty() ? "" : "; " + fitted.fitNote()));
        return new Trained(algorithm, search, prep, fitted);
    }

    /** What the log should say before an algorithm trains: OpenBLAS's alignment, imputed missing numbers. */
    private static void noteBeforeTraining(Settings settings, PreparedData data, AlgorithmName algorithm, StageLog log) {
        if (algorithm.trainsOnOpenBlas()) {
            dev.mlship.train.OpenBlas.alignmentWarning(dev.mlship.train.OpenBlas.objectAlignment()).ifPresent(log::warn);
        }
        noteImputedMissingValues(settings, data, algorithm, log);
    }

    /** For an algorithm that takes NaN, says when missing numbers are imputed anyway, and how not to. */
    private static void noteImputedMissingValues(Settings settings, PreparedData data, AlgorithmName algorithm, StageLog log) {
        var strategy = settings.spec().prepare().impute().numeric();
        boolean missing = data.features().stream().flatMap(f -> java.util.stream.Stream.of(data.train(), data.test())
                        .map(t -> t.column(f)))
                .anyMatch(c -> c instanceof dev.mlship.data.NumericColumn n
                        && java.util.Arrays.stream(n.values()).anyMatch(Double::isNaN));
        if (algorithm.takesMissingValues() && strategy != PrepareSpec.Strategy.NONE && missing) {
            log.info("missing numbers are imputed (" + strategy.id() + ") before " + algorithm.id()
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
