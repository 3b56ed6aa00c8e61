package dev.mlship.init;

import dev.mlship.config.Task;
import dev.mlship.data.CategoricalColumn;
import dev.mlship.data.Column;
import dev.mlship.data.NumericColumn;
import dev.mlship.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files {@code mlship init} writes, as text: a commented mlship.yaml for the surveyed data, a GitHub
 * workflow that uses the action and a .gitlab-ci.yml that includes the CI/CD component.
 *
 * @param name       the pipeline's name (an image repository name)
 * @param dataPath   data.path as written, relative to mlship.yaml
 * @param label      the column to predict
 * @param task       classification or regression
 * @param image      the registry repository for candidates, for the GitHub workflow
 * @param version    the mlship release the workflows pin
 */
public record Scaffold(String name, String dataPath, String label, Task task, String image, String version) {
    /** A text column with a distinct value in (nearly) every row of at least this many rows is an identifier. */
    static final int IDENTIFIER_MIN_ROWS = 50;

    /** The files, by path relative to the project folder, in the order they are written. */
    public Map<String, String> files(Table table) {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("mlship.yaml", config(table));
        files.put(".github/workflows/mlship.yml", githubWorkflow());
        files.put(".gitlab-ci.yml", gitlabCi());
        return java.util.Collections.unmodifiableMap(files);
    }

    String config(Table table) {
        List<String> identifiers = identifiers(table);
        int classes = task == Task.CLASSIFICATION ? DataSurvey.classes(table.column(label)) : 0;
        StringBuilder y = new StringBuilder();
        y.append("# Written by mlship init from ").append(dataPath).append(" (").append(table.rows()).append(" rows, ")
                .append(table.columns().size()).append(" columns). Edit freely; `mlship validate` checks it.\n");
        y.append("name: ").append(name).append("                 # names the image, the comment marker and the served model\n");
        y.append("data:\n");
        y.append("  path: ").append(quoted(dataPath)).append('\n');
        y.append("  label: ").append(quoted(label)).append('\n');
        y.append("  # Columns as read (types come from the data; data.types overrides one):\n");
        for (Column c : table.columns()) {
            y.append("  #   ").append(c.name()).append(": ").append(describe(c))
                    .append(c.name().equals(label) ? "  <- label" : identifiers.contains(c.name()) ? "  <- left out: an identifier" : "")
                    .append('\n');
        }
        if (!identifiers.isEmpty()) {
            y.append("  features: [");
            List<String> features = table.names().stream()
                    .filter(n -> !n.equals(label) && !identifiers.contains(n)).map(Scaffold::quoted).toList();
            y.append(String.join(", ", features)).append("]\n");
        }
        y.append("  split: {test: 0.2, seed: 42}\n");
        y.append("prepare:\n");
        y.append("  impute: {numeric: median, categorical: most_frequent}\n");
        y.append("  encode: onehot\n");
        y.append("model:\n");
        y.append("  task: ").append(task.id()).append("          # inferred from the label; ")
                .append(task == Task.CLASSIFICATION ? classes + " classes" : "numbers").append('\n');
        y.append("  algorithm: gradient_boosting\n");
        y.append("  params: {trees: 100, max_depth: 3, shrinkage: 0.1}\n");
        y.append("  # search: {method: grid, folds: 5, space: {max_depth: [3, 4, 6]}}\n");
        y.append("evaluate:\n");
        String primary = task == Task.REGRESSION ? "rmse" : classes == 2 ? "auc" : "f1_macro";
        y.append("  primary: ").append(primary).append('\n');
        y.append("  # Quality gates fail the run (exit 1) and the CI job; add them once you know what good looks like:\n");
        y.append("  # gates:\n");
        y.append(switch (primary) {
            case "auc" -> "  #   auc: {min: 0.75, max_drop: 0.01}\n";
            case "f1_macro" -> "  #   f1_macro: {min: 0.8, max_drop: 0.01}\n";
            default -> "  #   r2: {min: 0.7}\n";
        });
        y.append("promote:\n");
        y.append("  tag: production\n");
        return y.toString();
    }

    private static String describe(Column c) {
        return switch (c) {
            case NumericColumn n -> "numeric" + missing(c);
            case CategoricalColumn k -> k.type().id() + " (" + k.levels().size()
                    + (k.levels().size() == 1 ? " value" : " values") + ")" + missing(c);
        };
    }

    private static String missing(Column c) {
        int m = c.missingCount();
        return m == 0 ? "" : ", " + m + " missing";
    }

    /** Text columns whose every value is different: ids, names, free text, which a model cannot learn from. */
    List<String> identifiers(Table table) {
        List<String> out = new ArrayList<>();
        if (table.rows() < IDENTIFIER_MIN_ROWS) {
            return out;
        }
        for (Column c : table.columns()) {
            if (c instanceof CategoricalColumn k && !c.name().equals(label)
                    && k.levels().size() >= 0.95 * (table.rows() - c.missingCount())) {
                out.add(c.name());
            }
        }
        return out;
    }

    String githubWorkflow() {
        return """
                # Written by mlship init. Every pull request is evaluated against the model in production (one
                # comment with the metric diff, kept up to date), and merging promotes the image that was evaluated.
                name: model

                on:
                  pull_request:
                  push:
                    branches: [main]

                permissions:
                  contents: read
                  pull-requests: write # the comment
                  packages: write      # push candidates to ghcr.io and move the production tag

                concurrency:
                  # one promotion at a time; a newer push to a pull request replaces its running evaluation
                  group: mlship-${{ github.event_name == 'push' && 'promote' || github.ref }}
                  cancel-in-progress: ${{ github.event_name == 'pull_request' }}

                jobs:
                  mlship:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - id: mlship
                        uses: mlship/mlship@v%s
                        with:
                          config: mlship.yaml
                          # the registry repository for candidates and the production tag (lower-case)
                          image: %s
                      - name: Keep the model, metrics and report
                        if: always()
                        uses: actions/upload-artifact@v4
                        with:
                          name: mlship-out
                          path: mlship-out/
                """.formatted(version, image);
    }

    String gitlabCi() {
        return """
                # Written by mlship init. Every merge request is evaluated against the model in production (one note
                # with the metric diff, kept up to date), and merging promotes the image that was evaluated.
                # Set MLSHIP_GITLAB_TOKEN (a project access token with the api scope, masked) in Settings > CI/CD >
                # Variables for the note; CI_JOB_TOKEN cannot post notes. Candidates go to this project's registry.
                include:
                  - component: $CI_SERVER_FQDN/mlship/mlship/mlship@%s
                    inputs:
                      config: mlship.yaml

                workflow:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
                """.formatted(version);
    }

    /** A YAML scalar, quoted when plain style would change its meaning. */
    static String quoted(String text) {
        boolean plain = text.matches("[A-Za-z_./][A-Za-z0-9_./-]*") && !text.matches("(?i)(true|false|yes|no|on|off|null|y|n|~)");
        return plain ? text : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
