package dev.mlship.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gives each distinct byte string a code, in order of first appearance. Looking up a repeated value costs a
 * hash over its bytes and no allocation; a String is made once per distinct value.
 */
final class ByteDictionary {
    private int[] slots = new int[64]; // code + 1, 0 = free; open addressing with linear probing
    private int shift = 32 - 6; // slots.length == 1 << (32 - shift)
    private int[] hashes = new int[32];
    private byte[][] keys = new byte[32][];
    private final List<String> levels = new ArrayList<>();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    int size() {
        return levels.size();
    }

    List<String> levels() {
        return levels;
    }

    /**
     * The code of {@code buf[from, to)}, adding it when new.
     *
     * @throws CharacterCodingException when a new value is not valid UTF-8 (two different broken values would
     *                                  otherwise decode to the same text and make duplicate levels)
     */
    int intern(byte[] buf, int from, int to) throws CharacterCodingException {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + buf[i];
        }
        int mask = slots.length - 1;
        int slot = slotOf(hash, shift);
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                break;
            }
            int code = entry - 1;
            if (hashes[code] == hash && sameBytes(keys[code], buf, from, to)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
        String text = isAscii(buf, from, to)
                ? new String(buf, from, to - from, StandardCharsets.US_ASCII) // the common case, and far cheaper
                : utf8.decode(ByteBuffer.wrap(buf, from, to - from)).toString();
        int code = levels.size();
        if (code == keys.length) {
            keys = Arrays.copyOf(keys, code * 2);
            hashes = Arrays.copyOf(hashes, code * 2);
        }
        keys[code] = Arrays.copyOfRange(buf, from, to);
        hashes[code] = hash;
        levels.add(text);
        slots[slot] = code + 1;
        if ((code + 1) * 2 > slots.length) {
            rehash();
        }
        return code;
    }

    /** The code of a value already decoded (merging dictionaries); adds it when new. */
    int intern(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            return intern(bytes, 0, bytes.length);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a decoded string re-encodes to valid UTF-8", e);
        }
    }

    /**
     * Whether {@code key} equals {@code buf[from, to)}. A plain loop: the values compared are mostly a few
     * bytes long, where the JDK's vectorised range comparison spends more on setup than on comparing.
     */
    static boolean sameBytes(byte[] key, byte[] buf, int from, int to) {
        if (key.length != to - from) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] != buf[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fibonacci hashing: the top bits of the hash times 2^32 / golden ratio. Values such as user-1001,
     * user-1002 have hashes that differ only in their low bits; taking those bits directly would put them in
     * neighbouring slots and make linear probing walk long runs.
     */
    private static int slotOf(int hash, int shift) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        shift--;
        for (int code = 0; code < levels.size(); code++) {
            int slot = slotOf(hashes[code], shift);
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = code + 1;
        }
        slots = grown;
    }
}
