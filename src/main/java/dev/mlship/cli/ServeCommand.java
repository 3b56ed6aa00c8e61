package dev.mlship.cli;

import dev.mlship.ExitCode;
import dev.mlship.config.ConfigException;
import dev.mlship.serve.InferenceServer;
import dev.mlship.serve.ModelRegistry;
import dev.mlship.serve.ServeOptions;
import dev.mlship.serve.ServedModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve ONNX models over HTTP: Open Inference Protocol V2 (/v2), KServe V1 records (/v1), "
                + "Prometheus metrics (/metrics). Runs until SIGTERM or SIGINT, then finishes in-flight requests."})
public class ServeCommand implements Callable<Integer> {
    static class Source {
        @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model.onnx to serve.")
        Path model;

        @Option(names = "--models-dir", paramLabel = "DIR", required = true,
                description = "Serve every *.onnx below DIR (e.g. DIR/<name>/model.onnx).")
        Path modelsDir;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--name", description = "The model's name in URLs (default: the pipeline's name recorded in the model). Only with --model.")
    String name;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "" + ServeOptions.DEFAULT_MAX_BODY_BYTES,
            description = "Larger request bodies are answered 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_MAX_ROWS,
            description = "More rows in one request are answered 413 (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "A request not answered in this time gets 503 (default: ${DEFAULT-VALUE}).")
    double requestTimeout;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "On SIGTERM, how long in-flight requests may take to finish (default: ${DEFAULT-VALUE}).")
    double drainTimeout;

    @Option(names = "--threads-per-request", paramLabel = "N", defaultValue = "" + ModelRegistry.DEFAULT_THREADS_PER_REQUEST,
            description = "ONNX Runtime threads for one request's scoring (default: ${DEFAULT-VALUE}; "
                    + "concurrent requests already use every core).")
    int threadsPerRequest;

    @Option(names = "--access-log", description = "Write one JSON line per request to standard output.")
    boolean accessLog;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServeOptions options = options();
        if (name != null && source.model == null) {
            throw new ConfigException("--name names a single model: use it with --model, not --models-dir");
        }
        if (threadsPerRequest < 1) {
            throw new ConfigException("--threads-per-request must be at least 1");
        }
        ModelRegistry models = source.model != null ? ModelRegistry.ofFile(source.model, name, threadsPerRequest)
                : ModelRegistry.ofDirectory(source.modelsDir, threadsPerRequest);
        InferenceServer server = new InferenceServer(models, options, new PrintStream(System.out, true));
        StopSignal signal = StopSignal.install();
        try {
            server.start();
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
        // Any other way the JVM may end (SIGHUP, an exit elsewhere) still closes the port and the sessions.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, models, options), "mlship-serve-shutdown"));
        var out = spec.commandLine().getOut();
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        for (ServedModel m : models.all()) {
            out.println("serving " + m.name() + " (version " + m.version() + ", " + m.file() + ") at " + base
                    + "/v2/models/" + m.name());
        }
        out.flush();

        int exitCode = signal.await();
        stop(server, models, options);
        // What a process ended by the signal reports (143 for SIGTERM), as it did before the signal was taken over.
        return exitCode;
    }

    /**
     * Drains the server, then closes the sessions once no request scores on them: the JVM must not shut down
     * (and release ONNX Runtime's environment) under a request that is still scoring. Scoring that takes longer
     * than a request may take is not waited for.
     */
    private static void stop(InferenceServer server, ModelRegistry models, ServeOptions options) {
        server.stop();
        models.close();
        try {
            models.awaitClosed(options.requestTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ServeOptions options() {
        if (port < 0 || port > 65535) {
            throw new ConfigException("--port " + port + " is not a port: use 0 to 65535");
        }
        if (maxBodyBytes < 1) {
            throw new ConfigException("--max-body-bytes must be at least 1");
        }
        if (maxRows < 1) {
            throw new ConfigException("--max-rows must be at least 1");
        }
        if (!(requestTimeout > 0) || !(drainTimeout >= 0)) {
            throw new ConfigException("--request-timeout must be above 0 and --drain-timeout at least 0 seconds");
        }
        return new ServeOptions(host, port, maxBodyBytes, maxRows, seconds(requestTimeout), seconds(drainTimeout), accessLog);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
