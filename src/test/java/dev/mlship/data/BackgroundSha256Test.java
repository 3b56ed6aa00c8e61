package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackgroundSha256Test {
    @Test
    void digestIsOfEveryByteReadInOrderHoweverItIsRead() throws Exception {
        byte[] data = new byte[3_000_001];
        new Random(7).nextBytes(data);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));

        try (BackgroundSha256 hasher = new BackgroundSha256(); InputStream in = hasher.feed(new ByteArrayInputStream(data))) {
            byte[] buf = new byte[65_537];
            int b = in.read(); // one byte alone, then uneven blocks
            assertThat(b).isEqualTo(data[0] & 0xff);
            while (in.read(buf, 3, buf.length - 3) > 0) {
                // only the digest matters here
            }
            assertThat(hasher.hex()).isEqualTo(expected);
        }
    }

    @Test
    void anEmptyStreamHasTheEmptyDigest() throws Exception {
        try (BackgroundSha256 hasher = new BackgroundSha256(); InputStream in = hasher.feed(new ByteArrayInputStream(new byte[0]))) {
            assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
            assertThat(hasher.hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }
    }

    @Test
    void closingBeforeTheEndStopsTheHashingThread() throws Exception {
        BackgroundSha256 hasher = new BackgroundSha256();
        hasher.feed(new ByteArrayInputStream(new byte[100])).read(new byte[10], 0, 10);
        hasher.close();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (hashingThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hashingThreadAlive()).isFalse();
    }

    private static boolean hashingThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("mlship-sha256") && t.isAlive());
    }
}
