package dev.mlship.report;

/** Escaping for text that comes from data or config and ends up in Markdown rendered as HTML. */
public final class Markdown {
    private Markdown() {}

    /** Text safe inside a paragraph or a table cell: no markup, no HTML, no line breaks. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '|' -> sb.append("&#124;");
                case '\n', '\r' -> sb.append(' ');
                // Text never starts a line here, so only inline markup needs escaping.
                case '\\', '`', '*', '_', '[', ']', '~' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
