package dev.mlship.cli;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes and one-line messages. Stack traces only with
 * --debug, or for errors that are mlship's own fault.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** Configures a command line with this handler and the output streams the tests can capture. */
    public static CommandLine install(CommandLine cli) {
        ErrorHandler handler = new ErrorHandler();
        return cli.setExecutionExceptionHandler(handler).setParameterExceptionHandler(handler)
                .setExecutionStrategy(parsed -> runOrReportMemory(parsed, cli));
    }

    /**
     * Runs the command; a full Java heap (an Error, which picocli does not hand to the exception handler)
     * becomes one line saying how to give mlship more, instead of a stack trace. Exit 2: the job's
     * settings, not the data or the model, decide how much memory there is.
     */
    private static int runOrReportMemory(ParseResult parsed, CommandLine cli) {
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (OutOfMemoryError e) {
            long maxMb = Runtime.getRuntime().maxMemory() >> 20;
            PrintWriter err = cli.getErr();
            err.println("mlship: out of memory (" + e.getMessage() + ", Java heap at most " + maxMb + " MB): give the job more"
                    + " memory or a larger heap, e.g. JAVA_TOOL_OPTIONS=-Xmx" + Math.max(1, 2 * maxMb / 1024) + "g");
            err.flush();
            return ExitCode.USAGE.code();
        }
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean debug = debug(parsed);
        if (e instanceof MlshipException m) {
            err.println("mlship: " + m.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return m.exitCode().code();
        }
        if (isMissingBlas(e)) {
            err.println("mlship: the OpenBLAS library is missing (Smile needs it for linear models): "
                    + "install it with `apt-get install libopenblas-dev`");
            err.flush();
            return ExitCode.USAGE.code();
        }
        err.println("mlship: internal error: " + e + (debug ? "" : " (run with --debug for details)"));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return 70; // EX_SOFTWARE: a bug in mlship, not in the user's input
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("mlship: " + e.getMessage() + " (see " + e.getCommandLine().getCommandName() + " --help)");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static boolean debug(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMissingBlas(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            if (t instanceof UnsatisfiedLinkError || msg.contains("Cannot open library") || msg.contains("openblas")) {
                return msg.toLowerCase(java.util.Locale.ROOT).contains("blas") || msg.contains("Cannot open library");
            }
        }
        return false;
    }
}
