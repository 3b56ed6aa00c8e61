package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlship.ExitCode;
import dev.mlship.MlshipException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Assertions;

/**
 * Generated CSV files — quotes, delimiters, byte order marks, encodings, ragged rows, huge fields, stray
 * bytes — read as a run reads its data: each is read, or refused with mlship's own one-line data error
 * (exit 3). Never another exception, a hang or an out-of-memory.
 */
class CsvInputPropertyTest {
    static final AtomicInteger READ = new AtomicInteger();
    static final AtomicInteger REFUSED = new AtomicInteger();
    static final java.util.Map<String, Integer> REASONS = new java.util.concurrent.ConcurrentHashMap<>();

    @Property
    void everyFileIsReadOrRefusedWithOneLine(@ForAll("files") byte[] content) throws Exception {
        Path file = Files.write(Files.createTempFile("generated", ".csv"), content);
        try {
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    Dataset d = CsvReader.read(file, CsvOptions.withMissing(Set.of("", "NA")));
                    assertThat(d.table().rows()).isGreaterThanOrEqualTo(0);
                    READ.incrementAndGet();
                } catch (MlshipException e) {
                    assertThat(e.exitCode()).as(e.getMessage()).isIn(ExitCode.DATA, ExitCode.USAGE);
                    assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
                    REFUSED.incrementAndGet();
                    REASONS.merge(e.getMessage().replace(file.toString(), "FILE").replaceAll("\\d+", "N")
                            .replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\""), 1, Integer::sum);
                }
            });
        } finally {
            Files.delete(file);
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("generated CSV files: %d read, %d refused with a one-line data error%n", READ.get(), REFUSED.get());
        REASONS.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                .forEach(e -> System.out.printf("generated CSV files:   %5d  %s%n", e.getValue(), e.getKey()));
    }

    @Provide
    Arbitrary<byte[]> files() {
        return Arbitraries.longs().map(CsvInputPropertyTest::file);
    }

    /**
     * A file from a seed: a header and rows of one width (ragged now and then), cells of every kind, a delimiter,
     * line ending and encoding, sometimes a byte order mark, a huge field or a few overwritten bytes.
     */
    static byte[] file(long seed) {
        Random r = new Random(seed);
        char d = DELIMITERS.charAt(r.nextInt(DELIMITERS.length()));
        String nl = List.of("\n", "\r\n", "\r").get(r.nextInt(3));
        Charset cs = r.nextInt(10) > 0 ? StandardCharsets.UTF_8
                : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.ISO_8859_1).get(r.nextInt(3));
        int width = 1 + r.nextInt(6);
        int rows = r.nextInt(10) == 0 ? r.nextInt(2) : 2 + r.nextInt(40);
        boolean ragged = r.nextInt(8) == 0;
        StringBuilder text = new StringBuilder();
        for (int row = 0; row <= rows; row++) {
            int cells = ragged ? 1 + r.nextInt(width + 2) : width;
            for (int c = 0; c < cells; c++) {
                text.append(c > 0 ? String.valueOf(d) : "").append(row == 0 ? header(r, c) : cell(r, d));
            }
            if (row < rows || r.nextBoolean()) {
                text.append(nl);
            }
        }
        if (r.nextInt(200) == 0) {
            text.append("\"").append("x".repeat(100_000 + r.nextInt(400_000))).append("\"").append(nl);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (r.nextInt(6) == 0) {
            out.writeBytes("\uFEFF".getBytes(cs));
        }
        out.writeBytes(text.toString().getBytes(cs));
        byte[] bytes = out.toByteArray();
        if (r.nextInt(10) == 0) {
            for (int i = 0; i < 1 + r.nextInt(3) && bytes.length > 0; i++) {
                bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
            }
        }
        return bytes;
    }

    static final String DELIMITERS = ",,,;\t|";

    private static String header(Random r, int c) {
        return switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "\"col " + c + ", quoted\"";
            case 2 -> "dup";
            case 3 -> "é" + c;
            default -> "c" + c;
        };
    }

    private static String cell(Random r, char d) {
        return switch (r.nextInt(14)) {
            case 0, 1, 2, 3 -> String.valueOf(Math.round(r.nextGaussian() * 1000) / 10.0);
            case 4, 5 -> List.of("red", "green", "blue").get(r.nextInt(3));
            case 6 -> NUMBERS.get(r.nextInt(NUMBERS.size()));
            case 7 -> "\"" + randomText(r, "ab" + d + "\"\n\r ").replace("\"", "\"\"") + "\"";
            case 8 -> r.nextInt(20) > 0 ? "plain" : r.nextBoolean() ? "\"" + randomText(r, "ab,\"\n") : "a\"b";
            case 9 -> r.nextInt(50) == 0 ? "nul\u0000" : randomText(r, "abc \u00e9\u4e2d\uD83D\uDE00\u00a0");
            case 10 -> "";
            default -> String.valueOf(r.nextInt(100));
        };
    }

    static final List<String> NUMBERS = List.of("0", "-1", "3.14", "1e308", "1e309", "-0", "NaN", "Infinity", "0x1F", "1,5",
            "1 000", "007", ".5", "5.", "1e-400", "9223372036854775808", "NA", "+4", "1_000", "١٢٣");

    private static String randomText(Random r, String chars) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(10); i > 0; i--) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }

}
