package dev.mlship.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * SHA-256 of what a stream delivers, computed on a second thread so that hashing a file overlaps with
 * parsing it (hashing was a fifth of the reader's time on one thread). Each chunk is copied before it is
 * handed over, so the digest is of exactly the bytes the reader saw, in order.
 */
final class BackgroundSha256 implements AutoCloseable {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private final MessageDigest sha256;
    private final Thread worker;
    private byte[] result;

    BackgroundSha256() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        worker = Thread.ofPlatform().daemon().name("mlship-sha256").start(this::hash);
    }

    private void hash() {
        try {
            for (byte[] chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
                sha256.update(chunk);
            }
            result = sha256.digest();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A stream that passes everything read from {@code in} to this digest. */
    InputStream feed(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    handOver(new byte[] {(byte) b});
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    handOver(Arrays.copyOfRange(b, off, off + n));
                }
                return n;
            }
        };
    }

    private void handOver(byte[] chunk) {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }

    /** Lower-case hex digest of every byte fed so far; call once, after the last read. */
    String hex() {
        handOver(END);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
        return HexFormat.of().formatHex(result);
    }

    /** Stops the hashing thread when reading ended early (an error); harmless after {@link #hex()}. */
    @Override
    public void close() {
        worker.interrupt();
    }
}
