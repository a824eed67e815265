package com.cureka.appointments.adapters.http.request;

/**
 * Text that every store and reader downstream can keep and give back unchanged: PostgreSQL refuses NUL in
 * {@code text} and in {@code jsonb}, and an unpaired UTF-16 surrogate is not a character at all (it cannot be
 * encoded as UTF-8). API.md: such text is {@code INVALID_FORMAT}.
 */
public final class PlainText {
    public static final String MESSAGE = "must not contain NUL characters or unpaired surrogates";

    private PlainText() {}

    public static boolean isAcceptable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The text with every offending character replaced, safe to echo back in a field name. */
    static String printable(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
