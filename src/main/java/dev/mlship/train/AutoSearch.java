package dev.mlship.train;

import dev.mlship.config.AlgorithmName;
import dev.mlship.config.MetricName;
import dev.mlship.config.PrepareSpec;
import dev.mlship.data.Split;
import dev.mlship.data.Table;
import dev.mlship.evaluate.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code algorithm: auto}: successive halving over a portfolio of learners and params. Every candidate is scored by
 * k-fold CV on a small stratified sample of each fold's training rows; the best third (and each learner's best when it
 * is close, so that no learner is dropped for looking worse on little data) goes up a rung to three times the rows,
 * until the last rung. The
 * idea is successive halving (Jamieson and Talwalkar, "Non-stochastic Best Arm Identification and Hyperparameter
 * Optimization", AISTATS 2016), with row samples as the resource as in Hyperband (Li et al., JMLR 2017).
 *
 * <p>The budget is counted in candidates, never in seconds, and ties go to the earlier (cheaper) candidate, so the
 * same data, seed and trials choose the same model on every run and machine. An optional wall-clock cap stops
 * between scorings; then the winner is the best of the highest rung reached, which depends on the machine's speed.
 */
public final class AutoSearch {
    private final Table train;
    private final List<String> features;
    private final Target target;
    private final PrepareSpec prepare;
    private final List<Split> folds;
    private final long seed;
    private final Consumer<String> progress;
    private final LongSupplier nanoClock;

    /** The search's winner, its CV result (as a one-candidate search) and everything that was tried. */
    public record Outcome(AutoCandidate winner, SearchResult search) {
        public Leaderboard leaderboard() {
            return search.leaderboard();
        }
    }

    /** The wall-clock cap is shorter than fitting one fold of the first candidate: nothing could be compared. */
    public static final class CapTooShort extends RuntimeException {
        private final double foldSeconds;

        CapTooShort(double foldSeconds) {
            super(String.format(Locale.ROOT, "one fold of the first candidate took %.1f s", foldSeconds));
            this.foldSeconds = foldSeconds;
        }

        public double foldSeconds() {
            return foldSeconds;
        }
    }

    public AutoSearch(Table train, List<String> features, Target target, PrepareSpec prepare, List<Split> folds, long seed,
            Consumer<String> progress) {
        this(train, features, target, prepare, folds, seed, progress, System::nanoTime);
    }

    AutoSearch(Table train, List<String> features, Target target, PrepareSpec prepare, List<Split> folds, long seed,
            Consumer<String> progress, LongSupplier nanoClock) {
        this.train = train;
        this.features = List.copyOf(features);
        this.target = target;
        this.prepare = prepare;
        this.folds = List.copyOf(folds);
        this.seed = seed;
        this.progress = progress;
        this.nanoClock = nanoClock;
    }

    /** Mutable per-candidate record while the search runs. */
    private static final class Scored {
        final AutoCandidate candidate;
        Candidate cv;
        Rung rung;
        int rows;
        double seconds;
        String failure;

        Scored(AutoCandidate candidate) {
            this.candidate = candidate;
        }
    }

    /**
     * Runs the search.
     *
     * @param maxSeconds wall-clock cap, or null for a search bounded by the candidates alone
     * @throws CapTooShort when the cap ends before one fold of the first candidate was fitted
     */
    public Outcome run(List<AutoCandidate> candidates, List<MetricName> metrics, MetricName primary, Double maxSeconds) {
        int foldRows = folds.stream().mapToInt(f -> f.train().length).max().orElse(0);
        List<Rung> rungs = Rung.plan(candidates.size(), foldRows);
        progress.accept("auto: " + candidates.size() + " candidate(s), " + rungs.size() + " rung(s) of successive halving on "
                + String.join(", ", rungs.stream().map(r -> Math.min(r.rows(), foldRows) + "").toList()) + " rows x "
                + folds.size() + " folds, by " + primary.id() + (maxSeconds == null ? "" : ", at most " + maxSeconds + " s"));
        Map<AlgorithmName, CrossValidation> cvByAlgorithm = new EnumMap<>(AlgorithmName.class);
        List<Scored> all = candidates.stream().map(Scored::new).toList();
        List<Scored> alive = all;
        long start = nanoClock.getAsLong();
        long cpuStart = processCpuNanos();
        int evaluations = 0;
        boolean stopped = false;
        for (Rung rung : rungs) {
            List<Split> rungFolds = rung.folds(folds, target, seed);
            int rows = rungFolds.stream().mapToInt(f -> f.train().length).max().orElse(0);
            List<Scored> scored = new ArrayList<>();
            for (Scored s : alive) {
                double elapsed = (nanoClock.getAsLong() - start) / 1e9;
                if (maxSeconds != null && evaluations > 0 && elapsed > maxSeconds) {
                    stopped = true;
                    break;
                }
                CrossValidation cv = cvByAlgorithm.computeIfAbsent(s.candidate.algorithm(), a -> new CrossValidation(train,
                        features, target, prepare, a, folds, seed, line -> {}));
                long t0 = nanoClock.getAsLong();
                try {
                    s.cv = cv.score(s.candidate.params(), rungFolds, metrics, primary, "");
                    s.failure = null;
                } catch (TrainingDiverged | IllegalArgumentException | IllegalStateException e) {
                    // One learner failing on a sample (a class too rare for it, say) must not end the others' search.
                    s.cv = failed(s.candidate.params(), metrics);
                    s.failure = e.getMessage();
                }
                double seconds = (nanoClock.getAsLong() - t0) / 1e9;
                s.seconds += seconds;
                s.rung = rung;
                s.rows = rows;
                evaluations++;
                if (maxSeconds != null && evaluations == 1 && seconds / rungFolds.size() > maxSeconds) {
                    throw new CapTooShort(seconds / rungFolds.size());
                }
                scored.add(s);
                progress.accept(String.format(Locale.ROOT, "auto rung %d/%d (%d rows) #%d %s: %s=%s ± %.4f (%.1f s)%s",
                        rung.index() + 1, rungs.size(), rows, s.candidate.trial(), s.candidate.label(), primary.id(),
                        mean(s.cv, primary), s.cv.cv().get(primary).std(), seconds, s.failure == null ? "" : " failed: " + s.failure));
            }
            if (stopped || rung.index() == rungs.size() - 1) {
                break;
            }
            alive = promoted(scored, primary);
        }
        List<Scored> ranked = new ArrayList<>(all.stream().filter(s -> s.rung != null).toList());
        ranked.sort(order(primary));
        List<Leaderboard.Entry> entries = ranked.stream().map(s -> new Leaderboard.Entry(s.candidate, s.cv.cv(), s.rows,
                folds.size(), s.rung.index(), s.seconds, s.failure)).toList();
        Leaderboard board = new Leaderboard(primary, entries, rungs.size(), candidates.size(), evaluations, stopped);
        Scored best = ranked.getFirst();
        // CPU time beside wall time: on a shared machine, CPU seconds / cores is what the search would take alone.
        progress.accept(String.format(Locale.ROOT, "auto: %s won with %s=%s on %d rows x %d folds; search %.1f s (cpu %.1f s),"
                        + " %d scorings%s", best.candidate.label(), primary.id(), mean(best.cv, primary), best.rows, folds.size(),
                (nanoClock.getAsLong() - start) / 1e9, (processCpuNanos() - cpuStart) / 1e9, evaluations,
                stopped ? ", stopped by max_seconds" : ""));
        return new Outcome(best.candidate, new SearchResult(List.of(best.cv), 0, folds.size(), board));
    }

    /**
     * The best third of a rung, in trial order, and each other learner's best unless it trails the last of that third
     * by more than two of its standard deviations across folds: on few rows a learner that needs more data may look
     * worse than it is, but one that far behind is not worth the larger fits.
     */
    private static List<Scored> promoted(List<Scored> scored, MetricName primary) {
        List<Scored> ranked = new ArrayList<>(scored);
        ranked.sort(order(primary));
        List<Scored> third = ranked.subList(0, (ranked.size() + Rung.ETA - 1) / Rung.ETA);
        Set<Scored> up = new LinkedHashSet<>(third);
        double cutoff = third.getLast().cv.cv().get(primary).mean();
        Map<AlgorithmName, Scored> bestOf = new HashMap<>();
        for (Scored s : ranked) {
            bestOf.putIfAbsent(s.candidate.algorithm(), s);
        }
        for (Scored best : bestOf.values()) {
            CvScore score = best.cv.cv().get(primary);
            if (!Double.isNaN(score.mean()) && Math.abs(cutoff - score.mean()) <= 2 * score.std()) {
                up.add(best);
            }
        }
        return scored.stream().filter(up::contains).toList();
    }

    /** Higher rung first, then the better CV mean (NaN last), then the earlier trial. */
    private static Comparator<Scored> order(MetricName primary) {
        return Comparator.<Scored>comparingInt(s -> -s.rung.index())
                .thenComparing(s -> s.cv.cv().get(primary).mean(), (a, b) -> {
                    if (Double.isNaN(a) || Double.isNaN(b)) {
                        return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
                    }
                    return primary.higherIsBetter() ? Double.compare(b, a) : Double.compare(a, b);
                })
                .thenComparingInt(s -> s.candidate.trial());
    }

    private static Candidate failed(Params params, List<MetricName> metrics) {
        Map<MetricName, CvScore> cv = new EnumMap<>(MetricName.class);
        metrics.forEach(m -> cv.put(m, new CvScore(Double.NaN, Double.NaN)));
        return new Candidate(params, cv);
    }

    /** CPU time of the whole process, every thread (XGBoost's native ones too); 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    private static String mean(Candidate c, MetricName primary) {
        return String.format(Locale.ROOT, "%.4f", c.cv().get(primary).mean());
    }
}
