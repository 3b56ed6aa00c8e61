package dev.mlship.pipeline;

import dev.mlship.config.AlgorithmParams;
import dev.mlship.config.EvaluateSpec;
import dev.mlship.config.MetricName;
import dev.mlship.config.ModelSpec;
import dev.mlship.config.PrepareSpec;
import dev.mlship.config.Settings;
import dev.mlship.config.Task;
import dev.mlship.data.DataException;
import dev.mlship.data.KFold;
import dev.mlship.data.Split;
import dev.mlship.evaluate.Bootstrap;
import dev.mlship.evaluate.GateResult;
import dev.mlship.evaluate.Gates;
import dev.mlship.evaluate.Metrics;
import dev.mlship.evaluate.Predictions;
import dev.mlship.evaluate.Target;
import dev.mlship.image.BuiltImage;
import dev.mlship.prepare.FittedPreprocessor;
import dev.mlship.prepare.Preprocessor;
import dev.mlship.report.BaselineReport;
import dev.mlship.report.Json;
import dev.mlship.report.MarkdownReport;
import dev.mlship.report.MetricsJson;
import dev.mlship.report.ModelCard;
import dev.mlship.report.OutputFolder;
import dev.mlship.report.RunReport;
import dev.mlship.train.CrossValidation;
import dev.mlship.train.FittedModel;
import dev.mlship.train.Grid;
import dev.mlship.train.RandomSearch;
import dev.mlship.train.Params;
import dev.mlship.train.SearchResult;
import dev.mlship.train.Trainer;
import dev.mlship.train.TrainingDiverged;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** `mlship run`: prepare -> train -> evaluate -> outputs, for one validated config. */
public final class PipelineRunner {
    /** Every file a run writes into its output folder. */
    public static final Set<String> OUTPUT_FILES = Set.of(
            "model.onnx", "metrics.json", "schema.json", "statistics.json", "model-card.json", "report.md", "image.json",
            "image.tar");

    private final StageLog log;
    private final Map<String, String> env;

    public PipelineRunner(StageLog log, Map<String, String> env) {
        this.log = log;
        this.env = Map.copyOf(env);
    }

    /** What a run produced: its report and the image it built (pushed, or written as image.tar). */
    public record Result(RunReport report, BuiltImage image, boolean pushed) {}

    /** Runs the pipeline and writes its outputs; the report says whether the gates passed. */
    public RunReport run(Settings settings, Path outDir) {
        return run(settings, RunOptions.local(outDir, null)).report();
    }

    /**
     * Runs the pipeline, comparing with a local baseline (a model.onnx or an earlier output folder) when
     * given, else with the image behind the production tag when package.image is set.
     */
    public Result run(Settings settings, RunOptions options) {
        Path outDir = options.outDir();
        Path baseline = options.baseline();
        OutputFolder out = new OutputFolder(outDir, OUTPUT_FILES);
        out.checkReplaceable();
        log.stage("preflight", () -> {
            Preflight.run(settings, options, env, log);
            return null;
        });

        PreparedData data = log.stage("prepare", () -> DataStage.run(settings, log));
        List<MetricName> metrics = metrics(settings, data.target());
        MetricName primary = primary(settings.spec().evaluate(), settings.spec().model().task());
        Trained trained = log.stage("train", () -> train(settings, data, metrics, primary));
        Evaluated first = log.stage("evaluate", () -> evaluate(settings, data, trained, metrics));
        BaselineReport champion = log.stage("baseline",
                () -> BaselineStage.run(settings, data, first.predictions, metrics, primary, baseline, options.baselineBestEffort(),
                        env, log));
        AnalysisStage.Analyzed analyzed = log.stage("analyze", () -> AnalysisStage.run(settings, data, trained.preprocessor,
                trained.model, first.predictions, champion, primary, log));
        Evaluated evaluated = first.withChangeGates(settings, champion, log).withGates(analyzed.gates());
        String gitCommit = options.commit() != null ? options.commit()
                : GitRevision.of(settings.configFile().toAbsolutePath().getParent());
        ExportStage.Exported exported = log.stage("export", () -> ExportStage.run(settings, data, trained.preprocessor,
                trained.model.smile(), evaluated.predictions, primary, gitCommit, log));

        var spec = settings.spec();
        RunReport report = new RunReport(
                spec.name(),
                settings.configFile().toString(),
                spec.model().task(),
                spec.model().algorithm(),
                trained.search.winner().params(),
                seed(settings),
                primary,
                metrics,
                evaluated.test,
                evaluated.intervals,
                spec.evaluate().bootstrap(),
                trained.search,
                spec.model().search() == null ? "none" : spec.model().search().method().id(),
                evaluated.gates,
                skippedChangeGates(settings, champion),
                new RunReport.DatasetInfo(spec.data().path(), data.sha256(), data.rows() + data.droppedRows(),
                        data.split().train().length, data.split().test().length, data.droppedRows(), spec.data().label(),
                        data.features()),
                data.schema(),
                data.target() instanceof Target.Classes c ? c.names() : null,
                evaluated.confusion,
                trained.preprocessor,
                log.warnings(),
                exported.parity(),
                champion,
                new RunReport.OnnxInfo(dev.mlship.Hashes.sha256(exported.onnx()), exported.onnx().length),
                log.timingsMs(),
                gitCommit,
                analyzed.analysis());
        Map<String, byte[]> files = files(report, exported.onnx());
        PackageStage.Packaged packaged = log.stage("package", () -> PackageStage.run(settings, files, gitCommit, options.push(), env,
                outDir, log));
        files.put("image.json", packaged.imageJson());
        log.stage("write", () -> {
            // One step that a SIGTERM waits for or forbids: the outputs appear whole or not at all.
            Cancellation.commit(() -> out.write(files, packaged.tar() == null ? Map.of() : Map.of("image.tar", packaged.tar())));
            if (packaged.tar() != null) {
                Cancellation.released(packaged.tar());
            }
            log.info("wrote " + String.join(", ", files.keySet().stream().sorted().toList())
                    + (packaged.tar() == null ? "" : ", image.tar") + " to " + outDir);
            return null;
        });
        return new Result(report, packaged.image(), packaged.tar() == null);
    }

    /** The max_drop gates that could not be checked: no deployed model, or one without that metric. */
    private static List<RunReport.SkippedGate> skippedChangeGates(Settings settings, BaselineReport baseline) {
        Map<MetricName, Double> reference = baseline.firstModel() ? Map.of()
                : baseline.comparison() != null ? baseline.comparison().baseline() : baseline.recorded();
        List<RunReport.SkippedGate> skipped = new java.util.ArrayList<>();
        settings.spec().evaluate().gates().forEach((metric, gate) -> {
            if (gate.maxDrop() == null) {
                return;
            }
            String reason = baseline.firstModel() ? baseline.note()
                    : reference.get(metric) == null ? "the deployed model has no " + metric.id() + " to compare with" : null;
            if (reason != null) {
                skipped.add(new RunReport.SkippedGate(metric, "max_drop", gate.maxDrop().toString().trim(), reason));
            }
        });
        return skipped;
    }

    private record Trained(SearchResult search, FittedPreprocessor preprocessor, FittedModel model) {}

    private record Evaluated(
            Predictions predictions,
            Map<MetricName, Double> test,
            Map<MetricName, double[]> intervals,
            List<GateResult> gates,
            int[][] confusion) {

        Evaluated withGates(List<GateResult> more) {
            List<GateResult> all = new java.util.ArrayList<>(gates);
            all.addAll(more);
            return new Evaluated(predictions, test, intervals, all, confusion);
        }

        /** Adds the max_drop gates, against the baseline on the same rows (or its recorded metrics). */
        Evaluated withChangeGates(Settings settings, BaselineReport baseline, StageLog log) {
            if (baseline.firstModel()) {
                return this;
            }
            Map<MetricName, Double> reference = baseline.comparison() != null ? baseline.comparison().baseline()
                    : baseline.recorded();
            List<GateResult> change = Gates.checkChange(settings.spec().evaluate().gates(), test, reference);
            change.stream().filter(g -> !g.passed()).forEach(g -> log.warn("gate " + g.name() + " " + g.rule() + " "
                    + g.threshold() + " failed: dropped by " + g.value()));
            List<GateResult> all = new java.util.ArrayList<>(gates);
            all.addAll(change);
            return new Evaluated(predictions, test, intervals, all, confusion);
        }
    }

    private Trained train(Settings settings, PreparedData data, List<MetricName> metrics, MetricName primary) {
        ModelSpec model = settings.spec().model();
        long seed = seed(settings);
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
        noteImputedMissingValues(settings, data);
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
    private void noteImputedMissingValues(Settings settings, PreparedData data) {
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

    private Evaluated evaluate(Settings settings, PreparedData data, Trained trained, List<MetricName> metrics) {
        EvaluateSpec spec = settings.spec().evaluate();
        Target truth = data.testTarget();
        Predictions predicted = trained.model.predict(trained.preprocessor, data.test());
        Map<MetricName, Double> test = Metrics.compute(metrics, truth, predicted);
        Map<MetricName, double[]> intervals = Bootstrap.intervals(metrics, truth, predicted, spec.bootstrap(), seed(settings));
        List<GateResult> gates = Gates.check(spec.gates(), test);
        for (GateResult g : gates) {
            if (!g.passed()) {
                log.warn("gate " + g.name() + " " + g.rule() + " " + g.threshold() + " failed: value " + g.value());
            }
        }
        int[][] confusion = null;
        if (truth instanceof Target.Classes c && predicted instanceof Predictions.Classes p) {
            confusion = new int[c.count()][c.count()];
            for (int i = 0; i < c.size(); i++) {
                confusion[c.codes()[i]][p.labels()[i]]++;
            }
        }
        test.forEach((m, v) -> log.info(String.format(java.util.Locale.ROOT, "test %s = %.4f", m.id(), v)));
        return new Evaluated(predicted, test, intervals, gates, confusion);
    }

    /**
     * The metrics to compute: those asked for (or every metric of the task), plus the primary and
     * every gated one. Binary-only metrics are an error on a multiclass label.
     */
    static List<MetricName> metrics(Settings settings, Target target) {
        EvaluateSpec spec = settings.spec().evaluate();
        Task task = settings.spec().model().task();
        boolean multiclass = target instanceof Target.Classes c && c.count() > 2;
        Set<MetricName> out = new LinkedHashSet<>();
        if (spec.metrics() == null) {
            MetricName.of(task).stream().filter(m -> !(multiclass && binaryOnly(m))).forEach(out::add);
        } else {
            out.addAll(spec.metrics());
        }
        out.add(primary(spec, task));
        out.addAll(spec.gates().keySet());
        for (MetricName m : out) {
            if (multiclass && binaryOnly(m)) {
                throw settings.error("evaluate", m.id() + " is defined for two classes, but label '"
                        + settings.spec().data().label() + "' has " + ((Target.Classes) target).count()
                        + (m == MetricName.BRIER ? "; use logloss" : "; use f1_macro or f1_weighted"));
            }
        }
        return List.copyOf(out);
    }

    private static boolean binaryOnly(MetricName m) {
        return m == MetricName.PRECISION || m == MetricName.RECALL || m == MetricName.F1 || m == MetricName.BRIER;
    }

    static MetricName primary(EvaluateSpec spec, Task task) {
        if (spec.primary() != null) {
            return spec.primary();
        }
        return task == Task.CLASSIFICATION ? MetricName.AUC : MetricName.RMSE;
    }

    private static long seed(Settings settings) {
        return settings.spec().data().split().seed();
    }

    private static Map<String, byte[]> files(RunReport report, byte[] onnx) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.onnx", onnx);
        files.put("metrics.json", Json.bytes(MetricsJson.of(report)));
        files.put("schema.json", Json.bytes(report.schema()));
        files.put("statistics.json", Json.bytes(report.analysis().statistics()));
        files.put("model-card.json", Json.bytes(ModelCard.of(report)));
        files.put("report.md", MarkdownReport.render(report).getBytes(StandardCharsets.UTF_8));
        return files;
    }
}
