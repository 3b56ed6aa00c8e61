package dev.mlship.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {
    @Test
    void htmlAndMarkupFromDataAreNeutralised() {
        String s = Markdown.escape("<script>alert(1)</script> | *bold* [link](http://x)\nnext");
        assertThat(s).doesNotContain("<", ">", "\n").doesNotContain("|");
        assertThat(s).contains("&lt;script&gt;", "&#124;", "\\*bold\\*", "\\[link\\]");
    }

    @Test
    void unicodeIsKept() {
        assertThat(Markdown.escape("Größe 年龄")).isEqualTo("Größe 年龄");
    }
}
