package dev.mlship.cli;

import dev.mlship.config.Settings;
import dev.mlship.config.SpecLoader;
import dev.mlship.image.Promotion;
import dev.mlship.image.Registries;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Point the production tag back at the image saved as 'previous'.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the production tag points at the previous image (or already did)",
                "2:usage or config error",
                "4:registry / network error",
                "6:nothing to roll back to: the registry has no 'previous' tag (no promotion replaced an earlier model)"})
public class RollbackCommand implements Callable<Integer> {
    @Mixin
    ConfigArgument config;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = SpecLoader.load(config.config);
        String production = settings.spec().productionTag();
        Promotion p = Registries.tagMover(settings.spec().packaging(), System.getenv(),
                spec.commandLine().getErr()::println).rollback(production);
        spec.commandLine().getOut().println(p.describe());
        return 0;
    }
}
