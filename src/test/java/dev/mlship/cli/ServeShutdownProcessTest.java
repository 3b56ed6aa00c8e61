package dev.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while request bodies are still arriving: a body that completes during the drain is scored on a
 * session that stays open until its scoring ends, one still uploading when the drain ends gets 503, and the
 * process exits the way SIGTERM always ends it (143), never with a crash of ONNX Runtime.
 */
class ServeShutdownProcessTest {
    private static final double DRAIN_SECONDS = 4;
    private static final int ROWS = 100_000;

    @TempDir
    Path dir;

    /** A request written by hand over a socket, so the test decides when each byte of the body is sent. */
    private static final class SlowUpload {
        final Socket socket;
        final byte[] head;
        final byte[] body;
        final CompletableFuture<String> statusLine = new CompletableFuture<>();

        SlowUpload(int port, byte[] body) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            this.body = body;
            this.head = ("POST /v2/models/churn/infer HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                    + "content-length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            Thread.ofVirtual().start(() -> {
                try (InputStream in = socket.getInputStream()) {
                    String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
                    statusLine.complete(line == null ? "(connection closed without an answer)" : line);
                } catch (IOException e) {
                    statusLine.complete("(connection failed without an answer: " + e + ")");
                }
            });
        }

        /** Sends the head and all of the body but its last {@code held} bytes. */
        void sendAllBut(int held) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body, 0, body.length - held);
            out.flush();
        }

        /** Sends the bytes held back; the server may already have answered and closed, which is fine. */
        void finish(int held) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(body, body.length - held, held);
                out.flush();
            } catch (IOException e) {
                // answered (503) and closed before the body ended
            }
        }
    }

    @Test
    void sigtermWhileBodiesUploadAnswersEachRequestAndExitsCleanly() throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), dev.mlship.serve.TestModels.classifier("churn"));
        byte[] body = dev.mlship.serve.TestModels.v2Request(ROWS, 5).getBytes(StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + dir,
                "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                "-cp", System.getProperty("java.class.path"), ServeProcessTest.class.getName(),
                "serve", "--model", model.toString(), "--host", "127.0.0.1", "--port", "0",
                "--max-rows", "" + ROWS, "--max-body-bytes", "" + 4 * body.length, "--drain-timeout", "" + DRAIN_SECONDS)
                .directory(dir.toFile()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Matcher m = Pattern.compile("serving churn .* at http://127.0.0.1:(\\d+)/v2/models/churn").matcher(String.valueOf(first));
            assertThat(m.matches()).as(first + "\n" + Files.readString(dir.resolve("stderr.txt"))).isTrue();
            int port = Integer.parseInt(m.group(1));

            // Bodies that end at different moments before the drain's end, so that scoring runs across it,
            // and one that never ends.
            long[] endBeforeDeadlineMillis = {3500, 1500, 700, 400, 150};
            int held = 64;
            List<SlowUpload> uploads = new ArrayList<>();
            for (int i = 0; i <= endBeforeDeadlineMillis.length; i++) {
                SlowUpload u = new SlowUpload(port, body);
                u.sendAllBut(held);
                uploads.add(u);
            }
            Thread.sleep(300); // the server reads what was sent
            long sigterm = System.nanoTime();
            p.destroy();
            long deadline = sigterm + (long) (DRAIN_SECONDS * 1e9);
            for (int i = 0; i < endBeforeDeadlineMillis.length; i++) {
                long at = deadline - endBeforeDeadlineMillis[i] * 1_000_000;
                Thread.sleep(Math.max(0, (at - System.nanoTime()) / 1_000_000));
                uploads.get(i).finish(held);
            }

            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            List<String> answers = new ArrayList<>();
            for (SlowUpload u : uploads) {
                answers.add(u.statusLine.get(60, TimeUnit.SECONDS));
            }
            System.out.println("answers after SIGTERM: " + answers);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).as(answers + "\n" + stderr)
                        .noneMatch(f -> f.startsWith("hs_err"));
            }
            assertThat(p.exitValue()).as(answers + "\n" + stderr).isEqualTo(143);
            assertThat(answers).allMatch(a -> a.matches("HTTP/1\\.1 (200|503) .*"));
            assertThat(answers.getLast()).as("the body that never ended").startsWith("HTTP/1.1 503 ");
            uploads.forEach(u -> {
                try {
                    u.socket.close();
                } catch (IOException e) {
                    // closed already
                }
            });
        } finally {
            p.destroyForcibly();
        }
    }
}
