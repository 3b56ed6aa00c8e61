package dev.mlship.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteDictionaryTest {
    private static int intern(ByteDictionary dictionary, String text) throws CharacterCodingException {
        byte[] bytes = ("<" + text + ">").getBytes(StandardCharsets.UTF_8);
        return dictionary.intern(bytes, 1, bytes.length - 1); // a range inside a larger buffer
    }

    @Test
    void codesFollowFirstAppearanceAcrossManyValues() throws CharacterCodingException {
        ByteDictionary dictionary = new ByteDictionary();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            assertThat(intern(dictionary, "user-" + i)).isEqualTo(i);
        }
        for (int i = n - 1; i >= 0; i -= 7) {
            assertThat(intern(dictionary, "user-" + i)).isEqualTo(i);
        }
        assertThat(dictionary.size()).isEqualTo(n);
        assertThat(dictionary.levels().get(12345)).isEqualTo("user-12345");
    }

    @Test
    void keepsExactTextIncludingEmptyAndNonAscii() throws CharacterCodingException {
        ByteDictionary dictionary = new ByteDictionary();
        assertThat(intern(dictionary, "Größe")).isZero();
        assertThat(intern(dictionary, "")).isEqualTo(1);
        assertThat(intern(dictionary, " Größe")).isEqualTo(2);
        assertThat(intern(dictionary, "Größe")).isZero();
        assertThat(dictionary.intern("年龄")).isEqualTo(3);
        assertThat(dictionary.levels()).containsExactly("Größe", "", " Größe", "年龄");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new ByteDictionary().intern(latin1, 0, latin1.length))
                .isInstanceOf(CharacterCodingException.class);
    }
}
