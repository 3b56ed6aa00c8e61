package dev.mlship.pipeline;

import dev.mlship.config.EvaluateSpec;
import dev.mlship.config.MetricName;
import dev.mlship.config.Settings;
import dev.mlship.config.Task;
import dev.mlship.evaluate.Bootstrap;
import dev.mlship.evaluate.GateResult;
import dev.mlship.evaluate.Gates;
import dev.mlship.evaluate.Metrics;
import dev.mlship.evaluate.Predictions;
import dev.mlship.evaluate.Target;
import dev.mlship.report.BaselineReport;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Scores the refitted model on the test split: metrics, bootstrap intervals, gates, confusion matrix. */
final class EvaluateStage {
    private EvaluateStage() {}

    /** The model on the test split: predictions, metrics with intervals, gates and the confusion matrix. */
    record Evaluated(
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

    static Evaluated run(Settings settings, PreparedData data, TrainStage.Trained trained, List<MetricName> metrics,
            StageLog log) {
        EvaluateSpec spec = settings.spec().evaluate();
        Target truth = data.testTarget();
        Predictions predicted = trained.model().predict(trained.preprocessor(), data.test());
        Map<MetricName, Double> test = Metrics.compute(metrics, truth, predicted);
        Map<MetricName, double[]> intervals = Bootstrap.intervals(metrics, truth, predicted, spec.bootstrap(),
                PipelineRunner.seed(settings));
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
}
