package dev.mlship.cli;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import dev.mlship.Version;
import dev.mlship.config.SpecLoader;
import dev.mlship.config.Task;
import dev.mlship.data.Column;
import dev.mlship.data.CsvOptions;
import dev.mlship.data.DataReader;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import dev.mlship.init.DataSurvey;
import dev.mlship.init.Scaffold;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write mlship.yaml, .github/workflows/mlship.yml and .gitlab-ci.yml for your own data.")
public class InitCommand implements Callable<Integer> {
    private static final Pattern GITHUB_REMOTE = Pattern.compile("github\\.com[:/]([^/]+)/");

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
            description = "CSV or Parquet file, or a folder or glob of parts (default: the one data file in the"
                    + " project folder or its data/ folder).")
    Path data;

    @Option(names = "--label", paramLabel = "COLUMN", description = "The column to predict (default: a column named"
            + " label, target, class, y, outcome, ...).")
    String label;

    @Option(names = "--task", paramLabel = "TASK", description = "classification or regression (default: inferred"
            + " from the label's values).")
    String task;

    @Option(names = "--name", description = "The pipeline's name, which names the image (default: the project folder's).")
    String name;

    @Option(names = "--image", paramLabel = "REPOSITORY", description = "Registry repository for the GitHub workflow"
            + " (default: ghcr.io/<owner of the git remote origin>/<name>).")
    String image;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "The project folder to write to"
            + " (default: the current folder).")
    Path dir;

    @Option(names = "--force", description = "Overwrite files that already exist.")
    boolean force;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path project = dir.toAbsolutePath().normalize();
        Path file = data != null ? data.toAbsolutePath().normalize() : findData(project);
        Table table = DataReader.read(file, CsvOptions.withMissing(Set.of("", "NA", "NaN", "null"))).table();
        String column = label != null ? checkLabel(table, label) : DataSurvey.proposeLabel(table).orElseThrow(() -> usage(
                project.relativize(file) + ": cannot tell which column to predict (columns: " + String.join(", ", table.names())
                        + "); name it with --label COLUMN"));
        Task chosen = task != null ? parseTask(task) : DataSurvey.task(table.column(column));
        if (chosen == Task.REGRESSION && !(table.column(column) instanceof NumericColumn)) {
            throw usage("--task regression: label '" + column + "' is not numeric; use --task classification or"
                    + " another --label");
        }
        String pipeline = name != null ? name : nameOf(project);
        Scaffold scaffold = new Scaffold(pipeline, project.relativize(file).toString(), column, chosen,
                image != null ? image : defaultImage(project, pipeline), release());
        Map<String, String> files = scaffold.files(table);
        List<String> existing = files.keySet().stream().filter(f -> Files.exists(project.resolve(f))).toList();
        if (!existing.isEmpty() && !force) {
            throw usage(String.join(", ", existing.stream().map(f -> project.resolve(f).toString()).toList())
                    + (existing.size() == 1 ? " already exists" : " already exist") + "; move "
                    + (existing.size() == 1 ? "it" : "them") + " away or add --force to overwrite");
        }
        checkConfig(project, files.get("mlship.yaml"));
        var out = spec.commandLine().getOut();
        for (Map.Entry<String, String> f : files.entrySet()) {
            write(project.resolve(f.getKey()), f.getValue());
            out.println("wrote " + project.resolve(f.getKey()));
        }
        out.println("label '" + column + "' (" + chosen.id() + "), " + table.rows() + " rows, " + table.columns().size()
                + " columns; next: mlship run " + (project.equals(Path.of("").toAbsolutePath()) ? "" : project));
        return ExitCode.OK.code();
    }

    /** The config is validated as mlship run would, before anything is written. */
    private static void checkConfig(Path project, String yaml) {
        Path draft = null;
        try {
            draft = Files.createTempFile(project, ".mlship-init", ".yaml");
            Files.writeString(draft, yaml);
            List<String> problems = SpecLoader.problems(draft);
            if (!problems.isEmpty()) {
                throw new MlshipException(ExitCode.USAGE, "the mlship.yaml written for this data is not valid ("
                        + problems.getFirst() + "); give --name, --label or --task explicitly");
            }
        } catch (IOException e) {
            throw new MlshipException(ExitCode.USAGE, project + ": cannot write there (" + e.getMessage() + ")", e);
        } finally {
            if (draft != null) {
                try {
                    Files.deleteIfExists(draft);
                } catch (IOException ignored) {
                    // a leftover draft is harmless; the real files are what matters
                }
            }
        }
    }

    private static void write(Path target, String text) {
        try {
            Files.createDirectories(target.getParent());
            // Written beside and moved, so an interrupted init leaves no half-written file.
            Path tmp = Files.createTempFile(target.getParent(), ".mlship-init", ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findData(Path project) {
        List<Path> found = new ArrayList<>();
        for (Path folder : List.of(project, project.resolve("data"))) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches("[^.].*\\.(csv|parquet)"))
                            .sorted()
                            .forEach(found::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (found.size() != 1) {
            throw usage((found.isEmpty() ? "no .csv or .parquet file in " + project + " or its data/ folder"
                    : "more than one data file (" + String.join(", ", found.stream().map(f -> project.relativize(f).toString()).toList())
                    + ")") + "; name the data: mlship init DATA");
        }
        return found.getFirst();
    }

    private static String checkLabel(Table table, String label) {
        Column c = table.column(label);
        if (c == null) {
            throw usage("--label " + label + ": no such column (columns: " + String.join(", ", table.names()) + ")");
        }
        return label;
    }

    private static Task parseTask(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "classification" -> Task.CLASSIFICATION;
            case "regression" -> Task.REGRESSION;
            default -> throw usage("--task " + text + ": must be classification or regression");
        };
    }

    /** The folder's name as an image name: lower-case letters, digits, '.', '_' and '-'. */
    static String nameOf(Path project) {
        Path last = project.getFileName();
        String n = last == null ? "" : last.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        return n.isEmpty() ? "model" : n.length() > 64 ? n.substring(0, 64).replaceAll("[^a-z0-9]+$", "") : n;
    }

    /** ghcr.io/<owner>/<name> when the project's git remote is on GitHub, else a placeholder to edit. */
    private static String defaultImage(Path project, String pipeline) {
        Path config = project.resolve(".git/config");
        try {
            if (Files.isRegularFile(config)) {
                Matcher m = GITHUB_REMOTE.matcher(Files.readString(config));
                if (m.find()) {
                    return "ghcr.io/" + m.group(1).toLowerCase(Locale.ROOT) + "/" + pipeline;
                }
            }
        } catch (IOException e) {
            // no remote to read: the placeholder below says what to write
        }
        return "ghcr.io/your-github-owner/" + pipeline;
    }

    /** The release the workflows pin: this build's version without a snapshot suffix. */
    static String release() {
        return Version.MLSHIP.replace("-SNAPSHOT", "");
    }

    private static MlshipException usage(String message) {
        return new MlshipException(ExitCode.USAGE, message);
    }
}
