package dev.mlship.data;

/** Puts user text into an error message, which must stay on one line whatever the file holds. */
final class Quoted {
    private static final int MAX = 60;

    private Quoted() {
    }

    /** The text in single quotes, with line breaks and tabs shown as \n \r \t and long text shortened. */
    static String of(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            if (out.length() > MAX) {
                out.append("...");
                break;
            }
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        return out.append('\'').toString();
    }
}
