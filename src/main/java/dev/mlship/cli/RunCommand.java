package dev.mlship.cli;

import dev.mlship.ExitCode;
import dev.mlship.config.Settings;
import dev.mlship.config.SpecLoader;
import dev.mlship.pipeline.PipelineRunner;
import dev.mlship.pipeline.RunOptions;
import dev.mlship.pipeline.StageLog;
import dev.mlship.report.RunReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Prepare the data, train, evaluate and write the outputs; exit 1 if a gate fails.")
public class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigArgument config;

    @Mixin
    DebugOption debug;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: mlship-out).")
    Path out;

    @Option(names = "--baseline", paramLabel = "PATH",
            description = "Compare with this model.onnx or earlier output folder instead of the deployed image.")
    Path baseline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CancelSignal.install(spec.commandLine().getErr());
        Settings settings = SpecLoader.load(config.config);
        Path outDir = out != null ? out : Path.of("mlship-out");
        var log = StageLog.forEnvironment(spec.commandLine().getOut(), System.getenv());
        RunReport report = new PipelineRunner(log, System.getenv()).run(settings, RunOptions.local(outDir, baseline)).report();
        if (!report.gatesPassed()) {
            spec.commandLine().getErr().println("mlship: a quality gate failed (see " + outDir.resolve("report.md") + ")");
            return ExitCode.GATE_FAILED.code();
        }
        return ExitCode.OK.code();
    }
}
