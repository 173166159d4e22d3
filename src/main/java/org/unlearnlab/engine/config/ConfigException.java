package org.unlearnlab.engine.config;

/**
 * A config that cannot be read or is not valid. The message is one line that names the file and, where there
 * is one, the field, so that the command line can print it as is and the GUI can show it in a status bar.
 */
public final class ConfigException extends Exception {
    private static final int MAX_MESSAGE = 400;

    private final String field;

    /**
     * @param message the complete message, starting with the file name
     * @param field   dotted JSON path of the offending field ({@code attack.epsilon}), or null
     */
    public ConfigException(String message, String field) {
        this(message, field, null);
    }

    public ConfigException(String message, String field, Throwable cause) {
        super(oneLine(message, MAX_MESSAGE), cause);
        this.field = field;
    }

    /** Dotted JSON path of the offending field, or null when the problem is the file as a whole. */
    public String field() {
        return field;
    }

    /**
     * Escapes line breaks and other control characters and shortens {@code text} to at most {@code max}
     * characters. Messages quote user input, which may contain anything, and must still print as one line.
     */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    int type = Character.getType(c);
                    if (type == Character.CONTROL || type == Character.LINE_SEPARATOR
                            || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
            if (out.length() > max) {
                out.setLength(max - 3);
                return out.append("...").toString();
            }
        }
        return out.toString();
    }
}
