package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ErrorHandlerTest {
    @Command(name = "hungry")
    static class Hungry implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void aFullHeapIsOneLineSayingHowToRaiseItAndExitsTwo() {
        StringWriter err = new StringWriter();
        CommandLine cli = ErrorHandler.install(new CommandLine(new Hungry()));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute();

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).singleElement().asString()
                .startsWith("mlship: out of memory (Java heap space, Java heap at most ")
                .contains("JAVA_TOOL_OPTIONS=-Xmx");
    }
}
