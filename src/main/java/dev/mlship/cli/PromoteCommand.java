package dev.mlship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.config.ConfigException;
import dev.mlship.config.Settings;
import dev.mlship.config.SpecLoader;
import dev.mlship.image.Promotion;
import dev.mlship.image.Registries;
import dev.mlship.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Point the production tag at the candidate's existing manifest (never rebuilds); the old one"
                + " is kept as 'previous'.")
public class PromoteCommand implements Callable<Integer> {
    @Mixin
    ConfigArgument config;

    @Mixin
    DebugOption debug;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder whose image.json names the candidate"
            + " (default: mlship-out).")
    Path out;

    @Option(names = "--tag", paramLabel = "TAG", description = "The candidate's tag (default: from image.json).")
    String tag;

    @Option(names = "--force", description = "Promote even a candidate whose quality gates failed.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Settings settings = SpecLoader.load(config.config);
        String production = settings.spec().productionTag();
        Promotion p = Registries.tagMover(settings.spec().packaging(), System.getenv(),
                spec.commandLine().getErr()::println)
                .promote(candidate(), production, force);
        spec.commandLine().getOut().println(p.describe());
        return 0;
    }

    private String candidate() throws IOException {
        if (tag != null) {
            return tag;
        }
        Path image = (out != null ? out : Path.of("mlship-out")).resolve("image.json");
        if (!Files.isRegularFile(image)) {
            throw new ConfigException(image + " does not exist: pass --tag sha-<commit>, or run mlship run with"
                    + " package.image set first");
        }
        JsonNode json = Json.mapper().readTree(image.toFile());
        if (!json.path("pushed").asBoolean()) {
            throw new ConfigException(image + " describes an image tar that was not pushed; set package.image and run again");
        }
        return json.get("reference").asText().replaceFirst(".*:", "");
    }
}
