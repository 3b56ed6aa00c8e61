package dev.mlship.cli;

import dev.mlship.ci.CiJob;
import dev.mlship.ci.Mode;
import dev.mlship.ci.RetrySettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ci", mixinStandardHelpOptions = true,
        description = {"What the GitHub Action and the GitLab template run: reads the CI's environment and picks the mode.",
                "A pull / merge request evaluates against production, pushes the candidate and comments; a push to the"
                        + " default branch promotes the image the merged request built; anything else runs without pushing.",
                "Inputs: INPUT_<NAME> (GitHub) or MLSHIP_<NAME>: CONFIG, MODE, IMAGE, REGISTRY_USERNAME, REGISTRY_PASSWORD,"
                        + " GITHUB_TOKEN, GITLAB_TOKEN, COMMENT, FAIL_ON_GATE, PRODUCTION_TAG, WORKING_DIRECTORY."})
public class CiCommand implements Callable<Integer> {
    @Mixin
    DebugOption debug;

    @Option(names = "--mode", paramLabel = "MODE", description = "auto (default: by the event), evaluate, promote or run;"
            + " wins over the mode input.")
    String mode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CancelSignal.install(spec.commandLine().getErr());
        Mode chosen = mode == null ? null : Mode.parse(mode, "--mode");
        return new CiJob(System.getenv(), spec.commandLine().getOut(), RetrySettings.DEFAULT).run(chosen);
    }
}
