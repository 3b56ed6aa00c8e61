package dev.mlship.cli;

import picocli.CommandLine.Option;

/** `--debug` on every command: show stack traces of unexpected errors. */
public class DebugOption {
    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;
}
