package dev.mlship.cli;

import dev.mlship.Version;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(
        name = "mlship",
        mixinStandardHelpOptions = true,
        versionProvider = MlshipCommand.VersionProvider.class,
        description = "Trains, evaluates and ships tabular ML models from CI.",
        subcommands = {RunCommand.class, ValidateCommand.class, PackageCommand.class, PromoteCommand.class,
                RollbackCommand.class, PredictCommand.class, ServeCommand.class, CiCommand.class})
public class MlshipCommand {
    static class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mlship " + Version.MLSHIP + " (Smile " + Version.SMILE + ", Java " + Runtime.version() + ")"};
        }
    }
}
