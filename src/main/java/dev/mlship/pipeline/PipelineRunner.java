package dev.mlship.pipeline;

import dev.mlship.config.MetricName;
import dev.mlship.config.Settings;
import dev.mlship.evaluate.Target;
import dev.mlship.image.BuiltImage;
import dev.mlship.report.BaselineReport;
import dev.mlship.report.Json;
import dev.mlship.report.MarkdownReport;
import dev.mlship.report.MetricsJson;
import dev.mlship.report.ModelCard;
import dev.mlship.report.OutputFolder;
import dev.mlship.report.RunReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        List<MetricName> metrics = EvaluateStage.metrics(settings, data.target());
        MetricName primary = EvaluateStage.primary(settings.spec().evaluate(), settings.spec().model().task());
        TrainStage.Trained trained = log.stage("train", () -> TrainStage.run(settings, data, metrics, primary, log));
        EvaluateStage.Evaluated first = log.stage("evaluate", () -> EvaluateStage.run(settings, data, trained, metrics, log));
        String gitCommit = options.commit() != null ? options.commit()
                : GitRevision.of(settings.configFile().toAbsolutePath().getParent());
        ExportStage.Started export = log.stage("export", () -> ExportStage.start(settings, data, trained.preprocessor(),
                trained.model().smile(), first.predictions(), primary, gitCommit, log));
        BaselineReport champion = log.stage("baseline",
                () -> BaselineStage.run(settings, data, first.predictions(), metrics, primary, baseline, options.baselineBestEffort(),
                        env, log));
        AnalysisStage.Analyzed analyzed = log.stage("analyze", () -> AnalysisStage.run(settings, data, trained.preprocessor(),
                trained.model(), first.predictions(), champion, primary, log));
        EvaluateStage.Evaluated evaluated = first.withChangeGates(settings, champion, log).withGates(analyzed.gates());
        ExportStage.Exported exported = log.stage("parity", () -> export.join(log));

        var spec = settings.spec();
        RunReport report = new RunReport(
                spec.name(),
                settings.configFile().toString(),
                spec.model().task(),
                trained.algorithm(),
                trained.search().winner().params(),
                seed(settings),
                primary,
                metrics,
                evaluated.test(),
                evaluated.intervals(),
                spec.evaluate().bootstrap(),
                trained.search(),
                spec.model().isAuto() ? "auto" : spec.model().search() == null ? "none" : spec.model().search().method().id(),
                evaluated.gates(),
                skippedChangeGates(settings, champion),
                new RunReport.DatasetInfo(spec.data().path(), data.sha256(), data.rows() + data.droppedRows(),
                        data.split().train().length, data.split().test().length, data.droppedRows(), spec.data().label(),
                        data.features()),
                data.schema(),
                data.target() instanceof Target.Classes c ? c.names() : null,
                evaluated.confusion(),
                trained.preprocessor(),
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
        List<RunReport.SkippedGate> skipped = new ArrayList<>();
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

    static long seed(Settings settings) {
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
