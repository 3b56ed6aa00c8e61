package dev.mlship.ci;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Any other CI (Jenkins, a laptop): no event and no API. The run writes its report files and the exit
 * code says whether the gates passed; the commit comes from the checkout.
 */
public final class PlainCi implements Forge {
    private final PrintWriter out;

    public PlainCi(PrintWriter out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "plain CI";
    }

    @Override
    public CiEvent event() {
        return CiEvent.other(null);
    }

    @Override
    public Optional<String> mergedRequestHead(String commit) {
        return Optional.empty();
    }

    @Override
    public Optional<ReviewThread> reviewThread(Consumer<String> why) {
        return Optional.empty();
    }

    @Override
    public JobOutputs outputs() {
        return new JobOutputs() {
            @Override
            public void notice(String line) {
                out.println("mlship: note: " + line);
            }

            @Override
            public void gateFailed(String title, String line) {
                out.println("mlship: " + title + ": " + line);
            }

            @Override
            public void publish(JobResult result) {
                // The output folder holds everything; nothing else to write here.
            }
        };
    }
}
