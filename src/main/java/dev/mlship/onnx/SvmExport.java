package dev.mlship.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.mlship.train.PlattSvm;
import dev.mlship.train.SmileInternals;
import java.util.ArrayList;
import java.util.List;
import smile.classification.Classifier;
import smile.classification.LinearSVM;
import smile.classification.OneVersusOne;
import smile.classification.OneVersusRest;
import smile.classification.PlattScaling;
import smile.classification.SVM;
import smile.math.kernel.GaussianKernel;

/**
 * Emits Smile's support vector machines with standard double operators: each machine's score, Platt
 * scaling to a probability, and Smile's way of combining them (one-versus-rest: normalise the k
 * probabilities; one-versus-one: its iterative pairwise coupling, as an ONNX Loop).
 */
final class SvmExport {
    private static final long[] SCALAR = ModelExport.SCALAR;

    private SvmExport() {}

    /** p1 = platt(score), p0 = 1 - p1, class 1 when p1 > p0. Returns the class index [N]. */
    static String binary(Graph g, String x, PlattSvm svm, String probabilities) {
        String p1 = platt(g, score(g, x, svm.svm()), svm.platt());
        String p0 = g.node(Op.SUB, g.doubles(SCALAR, 1.0), p1);
        ModelExport.concat(g, probabilities, p0, p1);
        return ModelExport.toIndex(g, g.node(Op.GREATER, p1, p0));
    }

    /** Smile: p_c = platt_c(score_c), divided by their sum; the class is the first maximum. */
    static String oneVersusRest(Graph g, String x, OneVersusRest<?> ovr, int k, String probabilities) {
        Classifier<?>[] machines = (Classifier<?>[]) SmileInternals.machines(ovr);
        PlattScaling[] platt = (PlattScaling[]) SmileInternals.plattScalings(ovr);
        checkCount(machines.length, k);
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            columns.add(platt(g, score(g, x, machines[c]), platt[c]));
        }
        String raw = g.node(Op.CONCAT, columns, new Graph.Attrs().i("axis", 1));
        String total = g.node(Op.REDUCE_SUM, List.of(raw, g.longs(new long[] {1}, 1)), new Graph.Attrs().i("keepdims", 1));
        g.nodeTo(Op.DIV, probabilities, List.of(raw, total), new Graph.Attrs());
        return ModelExport.argMax(g, probabilities);
    }

    /**
     * Smile: r[i][j] = platt_ij(score_ij) for i > j and r[j][i] = 1 - r[i][j], then pairwise coupling
     * (Wu, Lin and Weng's second method): from p = 1/k, repeat up to max(100, k) times until
     * max_t |(Qp)_t - p'Qp| < 0.005 / k, updating one class at a time. Rows converge after different
     * numbers of rounds, so the Loop carries a per-row "done" flag and leaves finished rows untouched;
     * every sum runs in Smile's order.
     */
    static String oneVersusOne(Graph g, String x, OneVersusOne<?> ovo, int k, String probabilities) {
        Classifier<?>[][] machines = (Classifier<?>[][]) SmileInternals.machines(ovo);
        PlattScaling[][] platt = (PlattScaling[][]) SmileInternals.plattScalings(ovo);
        checkCount(machines.length, k);
        String[][] r = new String[k][k];
        for (int i = 1; i < k; i++) {
            for (int j = 0; j < i; j++) {
                r[i][j] = platt(g, score(g, x, machines[i][j]), platt[i][j]);
                r[j][i] = g.node(Op.SUB, g.doubles(SCALAR, 1.0), r[i][j]);
            }
        }
        String[][] q = new String[k][k];
        for (int t = 0; t < k; t++) {
            String diagonal = null;
            for (int j = 0; j < k; j++) {
                if (j == t) {
                    continue;
                }
                String square = g.node(Op.MUL, r[j][t], r[j][t]);
                diagonal = diagonal == null ? square : g.node(Op.ADD, diagonal, square);
                q[t][j] = j < t ? q[j][t] : g.node(Op.MUL, g.node(Op.NEG, r[j][t]), r[t][j]);
            }
            q[t][t] = diagonal;
        }
        String start = g.node(Op.EXPAND, g.doubles(new long[] {1, 1}, 1.0 / k), g.node(Op.SHAPE, r[1][0]));
        String noneDone = g.node(Op.LESS, start, g.doubles(SCALAR, 0.0));

        Graph body = g.subgraph("coupling");
        body.input(g.fresh(), DataType.INT64);
        body.input(g.fresh(), DataType.BOOL);
        String[] p = new String[k];
        for (int c = 0; c < k; c++) {
            p[c] = body.input(g.fresh(), DataType.DOUBLE, Graph.BATCH, 1L);
        }
        String done = body.input(g.fresh(), DataType.BOOL, Graph.BATCH, 1L);
        List<String> carried = couplingRound(body, q, p, done, 0.005 / k);
        String more = body.node(Op.LESS, body.node(Op.REDUCE_MIN,
                List.of(body.node(Op.CAST, List.of(carried.getLast()), new Graph.Attrs().i("to", DataType.DOUBLE.getNumber()))),
                new Graph.Attrs().i("keepdims", 0)), body.doubles(SCALAR, 1.0));
        body.output(more, DataType.BOOL);
        for (int c = 0; c < k; c++) {
            body.output(carried.get(c), DataType.DOUBLE, Graph.BATCH, 1L);
        }
        body.output(carried.getLast(), DataType.BOOL, Graph.BATCH, 1L);

        List<String> inputs = new ArrayList<>(List.of(g.longs(SCALAR, Math.max(100, k)), g.bool(true)));
        List<String> outputs = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            inputs.add(start);
            outputs.add(g.fresh());
        }
        inputs.add(noneDone);
        outputs.add(g.fresh());
        g.nodesTo(Op.LOOP, outputs, inputs, new Graph.Attrs().graph("body", body.proto()));
        g.nodeTo(Op.CONCAT, probabilities, outputs.subList(0, k), new Graph.Attrs().i("axis", 1));
        return ModelExport.argMax(g, probabilities);
    }

    /** One round of coupling for every row; returns the k new probabilities and the new done flags. */
    private static List<String> couplingRound(Graph b, String[][] q, String[] p, String done, double tolerance) {
        int k = p.length;
        String[] qp = new String[k];
        String pqp = null;
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < k; j++) {
                String term = b.node(Op.MUL, q[t][j], p[j]);
                qp[t] = j == 0 ? term : b.node(Op.ADD, qp[t], term);
            }
            String term = b.node(Op.MUL, p[t], qp[t]);
            pqp = t == 0 ? term : b.node(Op.ADD, pqp, term);
        }
        List<String> errors = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            errors.add(b.node(Op.ABS, b.node(Op.SUB, qp[t], pqp)));
        }
        String converged = b.node(Op.LESS, b.node(Op.MAX, errors, new Graph.Attrs()), b.doubles(SCALAR, tolerance));
        String nowDone = b.node(Op.OR, done, converged);

        String[] next = p.clone();
        String one = b.doubles(SCALAR, 1.0);
        String two = b.doubles(SCALAR, 2.0);
        for (int t = 0; t < k; t++) {
            String diff = b.node(Op.DIV, b.node(Op.SUB, pqp, qp[t]), q[t][t]);
            next[t] = b.node(Op.ADD, next[t], diff);
            String onePlus = b.node(Op.ADD, one, diff);
            String inner = b.node(Op.ADD, b.node(Op.MUL, diff, q[t][t]), b.node(Op.MUL, two, qp[t]));
            pqp = b.node(Op.DIV, b.node(Op.DIV, b.node(Op.ADD, pqp, b.node(Op.MUL, diff, inner)), onePlus), onePlus);
            for (int j = 0; j < k; j++) {
                qp[j] = b.node(Op.DIV, b.node(Op.ADD, qp[j], b.node(Op.MUL, diff, q[t][j])), onePlus);
                next[j] = b.node(Op.DIV, next[j], onePlus);
            }
        }
        List<String> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            out.add(b.node(Op.WHERE, nowDone, p[c], next[c]));
        }
        out.add(nowDone);
        return out;
    }

    /** Smile's PlattScaling.scale: 1 / (1 + exp(alpha * score + beta)). */
    private static String platt(Graph g, String score, PlattScaling platt) {
        String f = g.node(Op.ADD, g.node(Op.MUL, score, g.doubles(SCALAR, SmileInternals.plattAlpha(platt))),
                g.doubles(SCALAR, SmileInternals.plattBeta(platt)));
        return g.node(Op.SIGMOID, g.node(Op.NEG, f));
    }

    /** One machine's score [N, 1]. */
    private static String score(Graph g, String x, Classifier<?> machine) {
        return switch (machine) {
            case LinearSVM m -> {
                // Smile: b + (w[0]·x[0] + w[1]·x[1] + ...), the dot product from 0 in input order.
                String dot = ModelExport.affine(g, x, ModelExport.column(m.weights(), m.weights().length), new double[] {0.0});
                yield g.node(Op.ADD, dot, g.doubles(SCALAR, m.intercept()));
            }
            case SVM<?> m when m.kernel() instanceof GaussianKernel kernel -> gaussian(g, x, m, kernel.hyperparameters()[0]);
            default -> throw new ExportException("cannot export a " + machine.getClass().getName() + " support vector machine"
                    + " to ONNX; kernels: linear, rbf");
        };
    }

    /**
     * Smile: b + sum_i w_i exp(-0.5 (|x - v_i| / sigma)^2). The squared distance is expanded as
     * |x|^2 - 2 x·v + |v|^2 so that the graph holds one [N, S] matrix rather than [N, S, p].
     */
    private static String gaussian(Graph g, String x, SVM<?> m, double sigma) {
        Object[] vectors = m.vectors();
        int s = vectors.length;
        int p = ((double[]) vectors[0]).length;
        double[] transposed = new double[p * s];
        double[] squares = new double[s];
        for (int i = 0; i < s; i++) {
            double[] v = (double[]) vectors[i];
            for (int j = 0; j < p; j++) {
                transposed[j * s + i] = v[j];
                squares[i] += v[j] * v[j];
            }
        }
        String xx = g.node(Op.REDUCE_SUM, List.of(g.node(Op.MUL, x, x), g.longs(new long[] {1}, 1)),
                new Graph.Attrs().i("keepdims", 1));
        String xv = g.node(Op.MAT_MUL, x, g.doubles(new long[] {p, s}, transposed));
        String d2 = g.node(Op.ADD, g.node(Op.SUB, xx, g.node(Op.MUL, g.doubles(SCALAR, 2.0), xv)),
                g.doubles(new long[] {1, s}, squares));
        String d = g.node(Op.SQRT, g.node(Op.MAX, d2, g.doubles(SCALAR, 0.0)));
        String t = g.node(Op.DIV, d, g.doubles(SCALAR, sigma));
        String kernel = g.node(Op.EXP, g.node(Op.MUL, g.node(Op.MUL, g.doubles(SCALAR, -0.5), t), t));
        String sum = g.node(Op.MAT_MUL, kernel, g.doubles(new long[] {s, 1}, m.weights()));
        return g.node(Op.ADD, sum, g.doubles(SCALAR, m.intercept()));
    }

    private static void checkCount(int machines, int k) {
        if (machines != k) {
            throw new ExportException("cannot export: the multiclass SVM has " + machines + " machines for " + k + " classes");
        }
    }
}
