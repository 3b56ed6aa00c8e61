package dev.mlship.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "mlship", mixinStandardHelpOptions = true, description = "Ships tabular ML models from CI.")
public class MlshipCommand {
}
