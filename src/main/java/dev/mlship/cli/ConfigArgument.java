package dev.mlship.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The config argument shared by commands: a mlship.yaml file, or a folder holding one. */
public class ConfigArgument {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG|DIR", defaultValue = ".",
            description = "mlship.yaml, or a folder with one (default: the current folder).")
    Path config;
}
