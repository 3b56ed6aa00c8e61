package dev.mlship.cli;

import dev.mlship.ExitCode;
import dev.mlship.config.Settings;
import dev.mlship.config.SpecLoader;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a mlship.yaml without reading data or training; lists every problem and exits 2 if any.")
public class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigArgument config;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> problems = SpecLoader.problems(config.config);
        if (!problems.isEmpty()) {
            var err = spec.commandLine().getErr();
            problems.forEach(p -> err.println("mlship: " + p));
            return ExitCode.USAGE.code();
        }
        Settings settings = SpecLoader.load(config.config);
        var out = spec.commandLine().getOut();
        var model = settings.spec().model();
        String budget = !model.isAuto() ? "" : ": " + model.autoBudget().trialCount() + " trials"
                + (model.autoBudget().maxSeconds() == null ? "" : ", at most " + model.autoBudget().maxSeconds() + " s");
        out.println(settings.configFile() + ": valid (" + model.task().id() + ", " + model.algorithm().id() + budget + ")");
        return ExitCode.OK.code();
    }
}
