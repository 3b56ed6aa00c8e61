package dev.mlship.pipeline;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Logs a run stage by stage. In GitHub Actions each stage is a folded group; elsewhere each stage ends
 * with one line giving its time. Stage times are kept for the model card.
 */
public final class StageLog {
    private final PrintWriter out;
    private final boolean githubGroups;
    private final Map<String, Long> timingsMs = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    public StageLog(PrintWriter out, boolean githubGroups) {
        this.out = out;
        this.githubGroups = githubGroups;
    }

    public static StageLog forEnvironment(PrintWriter out, Map<String, String> env) {
        return new StageLog(out, "true".equals(env.get("GITHUB_ACTIONS")));
    }

    public <T> T stage(String name, Supplier<T> work) {
        if (githubGroups) {
            out.println("::group::" + name);
        }
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            long ms = (System.nanoTime() - start) / 1_000_000;
            timingsMs.put(name, ms);
            if (githubGroups) {
                out.println("::endgroup::");
            }
            out.println(String.format(Locale.ROOT, "[%s] %.1f s", name, ms / 1000.0));
            out.flush();
        }
    }

    /** A step inside a stage: timed and kept with the stage times, logged as one line. */
    public <T> T timed(String name, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            long ms = (System.nanoTime() - start) / 1_000_000;
            timingsMs.put(name, ms);
            info(String.format(Locale.ROOT, "%s: %.1f s", name, ms / 1000.0));
        }
    }

    public void info(String line) {
        out.println("  " + line);
        out.flush();
    }

    /** A warning for the log now and for the report's notes later. */
    public void warn(String line) {
        warnings.add(line);
        out.println(githubGroups ? "::warning::" + line : "  warning: " + line);
        out.flush();
    }

    /** Every warning so far, in order. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public Map<String, Long> timingsMs() {
        return Map.copyOf(timingsMs);
    }
}
