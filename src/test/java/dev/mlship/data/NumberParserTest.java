package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberParserTest {
    private final NumberParser parser = new NumberParser();

    private Double parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length) ? parser.value() : null;
    }

    @Test
    void commonForms() {
        assertThat(parse("0")).isEqualTo(0.0);
        assertThat(parse("-0")).isEqualTo(-0.0);
        assertThat(parse("007")).isEqualTo(7.0);
        assertThat(parse("3.25")).isEqualTo(3.25);
        assertThat(parse("+1.5e+3")).isEqualTo(1500.0);
        assertThat(parse("-.5")).isEqualTo(-0.5);
        assertThat(parse("5.")).isEqualTo(5.0);
        assertThat(parse("\t 12 ")).isEqualTo(12.0);
        assertThat(parse("1E-400")).isEqualTo(0.0);
        assertThat(parse("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("-INF")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("nan")).isNaN();
    }

    @Test
    void notNumbers() {
        for (String text : new String[] {"", " ", "-", "+", ".", "-.", "e5", "1e", "1e+", "1d", "1f", "0x10",
                "1,000", "--1", "1-", "1.2.3", "one", "infinit", "nana", "1 2", "١٢"}) {
            assertThat(parse(text)).as("'%s'", text).isNull();
        }
    }

    @Test
    void agreesWithDoubleParseDoubleOnRandomText() {
        Random random = new Random(7);
        for (int i = 0; i < 300_000; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? '-' : '+');
            }
            int digits = 1 + random.nextInt(22);
            int point = random.nextInt(digits + 2) - 1; // -1: no point
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    text.append('.');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(3) == 0) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(80) - 40);
            }
            String s = text.toString();
            assertThat(parse(s)).as(s).isEqualTo(Double.parseDouble(s));
        }
    }

    @Test
    void agreesOnShortestRepresentationsOfRandomDoubles() {
        Random random = new Random(11);
        for (int i = 0; i < 300_000; i++) {
            double d = switch (i % 3) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (Double.isNaN(d)) {
                continue;
            }
            String s = Double.toString(d);
            assertThat(parse(s)).as(s).isEqualTo(d);
        }
    }

    @Test
    void agreesOnLongMantissasOverTheWholeExponentRange() {
        Random random = new Random(13);
        for (int i = 0; i < 400_000; i++) {
            int digits = 15 + random.nextInt(5); // 15..19 digits: past 2^53, within 64 bits
            StringBuilder text = new StringBuilder();
            text.append((char) ('1' + random.nextInt(9)));
            for (int d = 1; d < digits; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            text.append('e').append(random.nextInt(680) - 360);
            String s = text.toString();
            assertThat(parse(s)).as(s).isEqualTo(Double.parseDouble(s));
        }
    }

    @Test
    void hardRoundingCases() {
        for (String s : new String[] {
                "9007199254740993", "9007199254740995", "90071992547409930e-1", "18014398509481985",
                "18014398509481986", "18014398509481990", "9223372036854775807", "9223372036854775808",
                "18446744073709551615", "9999999999999999999", "0.1", "0.3", "1.1", "2.2250738585072011e-308",
                "2.2250738585072014e-308", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
                "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
                "7.2057594037927933e16", "1e23", "8.98846567431158e307", "3.0517578125e-5", "1448997445238699",
                "5e-324", "123456789012345678e-30", "0.0000000000000000000000000000001234"}) {
            assertThat(parse(s)).as(s).isEqualTo(Double.parseDouble(s));
            assertThat(parse("-" + s)).as("-" + s).isEqualTo(Double.parseDouble("-" + s));
        }
    }
}
