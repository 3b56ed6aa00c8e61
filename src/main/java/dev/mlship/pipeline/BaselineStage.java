package dev.mlship.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.config.MetricName;
import dev.mlship.config.Settings;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Comparison;
import dev.mlship.evaluate.PermutationImportance;
import dev.mlship.evaluate.Predictions;
import dev.mlship.evaluate.Target;
import dev.mlship.evaluate.TrainingStatistics;
import dev.mlship.image.ImageLabels;
import dev.mlship.image.ModelPuller;
import dev.mlship.image.PulledModel;
import dev.mlship.image.Registries;
import dev.mlship.image.RegistryRetry;
import dev.mlship.image.RemoteException;
import dev.mlship.onnx.ExportException;
import dev.mlship.onnx.OnnxModel;
import dev.mlship.onnx.Scores;
import dev.mlship.report.BaselineReport;
import dev.mlship.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the deployed model (a local --baseline, or the image behind the production tag) and scores it
 * on the CURRENT test split, so champion and challenger are compared on the same rows.
 */
final class BaselineStage {
    private BaselineStage() {}

    static BaselineReport run(Settings settings, PreparedData data, Predictions candidate, List<MetricName> metrics,
            MetricName primary, Path local, boolean bestEffort, Map<String, String> env, StageLog log) {
        Optional<PulledModel> pulled;
        try {
            pulled = local != null ? Optional.of(fromFolder(local)) : fromRegistry(settings, env, log);
        } catch (RemoteException e) {
            if (!bestEffort) {
                throw e;
            }
            log.warn("the deployed model cannot be read (" + e.getMessage() + "); compared with nothing");
            return BaselineReport.firstModel("first model as far as this run can tell: the deployed model cannot be read"
                    + " without registry access");
        }
        if (pulled.isEmpty()) {
            String why = local == null && settings.spec().packaging() == null
                    ? "first model: no package.image and no --baseline to compare with"
                    : "first model: nothing is deployed yet";
            log.info(why + "; change gates (max_drop) are skipped");
            return BaselineReport.firstModel(why);
        }
        PulledModel baseline = pulled.get();
        Map<MetricName, Double> recorded = recorded(baseline.labels().get(ImageLabels.METRICS));
        log.info("baseline " + baseline.reference() + " " + baseline.digest());
        String dataSha = baseline.labels().get(ImageLabels.DATA_SHA256);
        TrainingStatistics statistics = statistics(baseline, log);
        try (OnnxModel model = OnnxModel.of(baseline.onnx())) {
            Map<String, String> columns = columns(model);
            String misfit = misfit(model, data.test());
            if (misfit != null) {
                log.warn("baseline cannot score the current data (" + misfit + "): showing its recorded metrics");
                return new BaselineReport(baseline.reference(), baseline.digest(), recorded, null,
                        "its inputs no longer fit the data (" + misfit + "); recorded metrics shown", dataSha, columns, statistics);
            }
            String missing = OnnxModel.missingText(settings.spec().data().missing());
            Function<Table, Predictions> scorer = table -> predictions(model.score(table, missing), data.testTarget(), model);
            Predictions predictions = scorer.apply(data.test());
            if (predictions == null) {
                return new BaselineReport(baseline.reference(), baseline.digest(), recorded, null,
                        "its classes differ from the current label's; recorded metrics shown", dataSha, columns, statistics);
            }
            Comparison c = Comparison.of(metrics, data.testTarget(), candidate, predictions,
                    settings.spec().evaluate().bootstrap(), settings.spec().data().split().seed());
            // Over the baseline's own inputs: a feature it does not read has no importance to it.
            List<String> inputs = data.features().stream().filter(columns::containsKey).toList();
            Map<String, Double> importance = log.timed("baseline importance", () -> PermutationImportance.of(scorer, data.test(),
                    data.testTarget(), inputs, primary, settings.spec().data().split().seed()));
            return new BaselineReport(baseline.reference(), baseline.digest(), recorded, c, null, dataSha, columns, predictions,
                    statistics, importance);
        } catch (ExportException e) {
            return new BaselineReport(baseline.reference(), baseline.digest(), recorded, null,
                    "ONNX Runtime cannot run it (" + e.getMessage() + "); recorded metrics shown", dataSha, null, statistics);
        }
    }

    private static Optional<PulledModel> fromRegistry(Settings settings, Map<String, String> env, StageLog log) {
        if (settings.spec().packaging() == null || settings.spec().packaging().image() == null) {
            return Optional.empty();
        }
        String tag = settings.spec().productionTag();
        Registries.Repository repo = Registries.open(settings.spec().packaging(), env, RegistryRetry.from(env), log::info);
        return ModelPuller.pull(repo, tag);
    }

    /** A model.onnx, or an earlier output folder (its metrics.json gives the recorded metrics). */
    /** The model file a --baseline names (a model.onnx, or an output folder holding one). */
    static Path localModelFile(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("model.onnx") : path;
        if (!Files.isRegularFile(file)) {
            throw new dev.mlship.config.ConfigException("--baseline " + path + ": "
                    + (Files.exists(path) ? "no model.onnx there" : "no such file or folder")
                    + "; pass an earlier run's output folder or its model.onnx");
        }
        if (!Files.isReadable(file)) {
            throw new dev.mlship.config.ConfigException("--baseline " + file + ": cannot be read; check its permissions");
        }
        return file;
    }

    private static PulledModel fromFolder(Path path) {
        try {
            Path file = localModelFile(path);
            byte[] onnx = Files.readAllBytes(file);
            String digest = "sha256:" + dev.mlship.Hashes.sha256(onnx);
            Map<String, String> labels = Map.of();
            Path metrics = file.resolveSibling("metrics.json");
            if (Files.isRegularFile(metrics)) {
                JsonNode json = Json.mapper().readTree(metrics.toFile());
                labels = Map.of(ImageLabels.METRICS, ImageLabels.summary(json.path("metrics")),
                        ImageLabels.DATA_SHA256, json.at("/dataset/sha256").asText());
            }
            Path statistics = file.resolveSibling("statistics.json");
            return new PulledModel(file.toString(), digest, onnx, labels,
                    Files.isRegularFile(statistics) ? Files.readAllBytes(statistics) : null);
        } catch (IOException e) {
            throw new dev.mlship.config.ConfigException("--baseline " + path + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The baseline's training statistics, or null (said once) when it has none or they cannot be read. */
    private static TrainingStatistics statistics(PulledModel baseline, StageLog log) {
        if (baseline.statistics() == null) {
            log.info("baseline " + baseline.reference() + " carries no statistics.json: data drift is not measured");
            return null;
        }
        try {
            return Json.mapper().readerFor(TrainingStatistics.class)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(baseline.statistics());
        } catch (IOException e) {
            log.warn("the baseline's statistics.json cannot be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "): data drift is not measured");
            return null;
        }
    }

    private static Map<MetricName, Double> recorded(String json) {
        Map<MetricName, Double> out = new EnumMap<>(MetricName.class);
        if (json == null) {
            return out;
        }
        try {
            Map<String, Double> values = Json.mapper().readValue(json, new TypeReference<Map<String, Double>>() {});
            values.forEach((k, v) -> {
                for (MetricName m : MetricName.values()) {
                    if (m.id().equals(k) && v != null) {
                        out.put(m, v);
                    }
                }
            });
        } catch (IOException e) {
            // Unreadable recorded metrics: the comparison on the current rows still stands.
        }
        return out;
    }

    /** The baseline's input columns by name, as the data schema names their types. */
    private static Map<String, String> columns(OnnxModel model) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        model.inputs().forEach((name, kind) -> out.put(name, kind == OnnxModel.InputKind.NUMERIC ? "numeric" : "categorical"));
        return out;
    }

    /** Why the baseline cannot read the current rows, or null when every input has its column. */
    private static String misfit(OnnxModel model, Table table) {
        for (var in : model.inputs().entrySet()) {
            Column c = table.column(in.getKey());
            if (c == null) {
                return "column '" + in.getKey() + "' is gone";
            }
            boolean numeric = in.getValue() == OnnxModel.InputKind.NUMERIC;
            if (numeric && !(c instanceof NumericColumn) || !numeric && !(c instanceof CategoricalColumn)) {
                return "column '" + in.getKey() + "' changed type";
            }
        }
        return null;
    }

    /** The baseline's outputs in the current class order, or null when the class sets differ. */
    private static Predictions predictions(Scores scores, Target target, OnnxModel model) {
        if (target instanceof Target.Values) {
            return scores.predictions() == null ? null : new Predictions.Values(scores.predictions());
        }
        if (scores.labels() == null) {
            return null;
        }
        List<String> current = ((Target.Classes) target).names();
        List<String> theirs;
        try {
            String json = model.metadata().get("mlship.classes");
            theirs = json == null ? current : Json.mapper().readValue(json, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            return null;
        }
        if (!new LinkedHashSet<>(theirs).equals(new LinkedHashSet<>(current))) {
            return null;
        }
        int n = scores.labels().length;
        int[] labels = new int[n];
        double[][] prob = new double[n][current.size()];
        for (int i = 0; i < n; i++) {
            labels[i] = current.indexOf(scores.labels()[i]);
            for (int c = 0; c < current.size(); c++) {
                prob[i][c] = scores.probabilities()[i][theirs.indexOf(current.get(c))];
            }
        }
        return new Predictions.Classes(labels, prob);
    }
}
