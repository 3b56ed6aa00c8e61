package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.image.ModelImageBuilder;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * examples/kserve, followed line by line: the container runs the entrypoint of an image built with
 * package.base_image, and that entrypoint plus the example's args is a valid `mlship serve` command.
 */
class KServeExampleTest {
    private static final Path EXAMPLE = Path.of("examples", "kserve");

    @Test
    @SuppressWarnings("unchecked")
    void theContainerRunsTheServingImagesEntrypointWithTheExamplesArgs() throws Exception {
        Map<String, Object> service;
        try (Reader r = Files.newBufferedReader(EXAMPLE.resolve("inferenceservice.yaml"))) {
            service = new Yaml().load(r);
        }
        Map<String, Object> predictor = (Map<String, Object>) ((Map<String, Object>) service.get("spec")).get("predictor");
        Map<String, Object> container = ((List<Map<String, Object>>) predictor.get("containers")).getFirst();
        // A command would replace the entrypoint, which is the only place the model's path is known.
        assertThat(container).doesNotContainKey("command");
        String name = ((Map<String, Object>) service.get("metadata")).get("name").toString();

        List<String> commandLine = new ArrayList<>(ModelImageBuilder.servingEntrypoint(name));
        ((List<Object>) container.getOrDefault("args", List.of())).forEach(a -> commandLine.add(a.toString()));
        assertThat(commandLine.getFirst()).isEqualTo("mlship");
        CommandLine.ParseResult parsed = new CommandLine(new MlshipCommand()).parseArgs(
                commandLine.subList(1, commandLine.size()).toArray(String[]::new));
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(serve.source.model).hasToString("/models/" + name + "/model.onnx");
        assertThat(serve.port).isEqualTo(8080);
        assertThat(serve.drainTimeout).isLessThan(((Number) predictor.get("terminationGracePeriodSeconds")).doubleValue());

        String readme = Files.readString(EXAMPLE.resolve("README.md"));
        assertThat(readme).contains("base_image: ghcr.io/mlship/mlship:");
    }
}
