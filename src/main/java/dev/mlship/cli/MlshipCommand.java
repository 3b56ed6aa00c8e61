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
        exitCodeListHeading = "%nExit codes:%n",
        // Keep in step with dev.mlship.ExitCode and README.md ("Exit codes").
        exitCodeList = {"0:ok", "1:a quality gate failed", "2:usage or config error", "3:data error",
                "4:registry / API / network error", "5:the exported model disagrees with the trained one",
                "6:rollback: nothing to roll back to (no 'previous' tag)"},
        subcommands = {InitCommand.class, RunCommand.class, ValidateCommand.class, PackageCommand.class, PromoteCommand.class,
                RollbackCommand.class, PredictCommand.class, ServeCommand.class, CiCommand.class})
public class MlshipCommand {
    static class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mlship " + Version.MLSHIP + " (Smile " + Version.SMILE + ", Java " + Runtime.version() + ")"};
        }
    }
}
