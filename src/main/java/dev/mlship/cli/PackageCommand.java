package dev.mlship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.config.ConfigException;
import dev.mlship.config.Settings;
import dev.mlship.config.SpecLoader;
import dev.mlship.pipeline.OutputProvenance;
import dev.mlship.pipeline.PackageStage;
import dev.mlship.pipeline.PipelineRunner;
import dev.mlship.pipeline.StageLog;
import dev.mlship.report.Json;
import dev.mlship.report.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "package", mixinStandardHelpOptions = true,
        description = {"Build the image of an earlier run's outputs again (push to package.image, or image.tar).",
                "The folder must hold a run of this config (name, task, label, features, data sha256), unless --force."})
public class PackageCommand implements Callable<Integer> {
    /** What a run must have written for its outputs to be packaged. */
    private static final List<String> NEEDED = List.of("model.onnx", "metrics.json", "schema.json", "model-card.json");

    @Mixin
    ConfigArgument config;

    @Mixin
    DebugOption debug;

    @Option(names = "--out", paramLabel = "DIR", description = "The run's output folder (default: mlship-out).")
    Path out;

    @Option(names = "--force", description = "Package the folder even when its model card is not from a run of "
            + "this config (another name, task, label, features or data).")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Settings settings = SpecLoader.load(config.config);
        Path outDir = out != null ? out : Path.of("mlship-out");
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : PipelineRunner.OUTPUT_FILES) {
            Path f = outDir.resolve(name);
            if (Files.isRegularFile(f) && !name.startsWith("image.")) {
                files.put(name, Files.readAllBytes(f));
            }
        }
        for (String name : NEEDED) {
            if (!files.containsKey(name)) {
                throw new ConfigException(outDir + " has no " + name + "; run `mlship run` first (or pass its --out)");
            }
        }
        if (!force) {
            OutputProvenance.check(settings, files.get("model-card.json"), outDir);
        }
        JsonNode card = Json.mapper().readTree(files.get("model-card.json"));
        String commit = card.hasNonNull("git_commit") ? card.get("git_commit").asText() : null;
        StageLog log = StageLog.forEnvironment(spec.commandLine().getOut(), System.getenv());
        PackageStage.Packaged packaged =
                log.stage("package", () -> PackageStage.run(settings, files, commit, true, System.getenv(), outDir, log));
        files.put("image.json", packaged.imageJson());
        new OutputFolder(outDir, PipelineRunner.OUTPUT_FILES)
                .write(files, packaged.tar() == null ? Map.of() : Map.of("image.tar", packaged.tar()));
        spec.commandLine().getOut().println(packaged.image().reference() + " " + packaged.image().digest());
        return 0;
    }
}
