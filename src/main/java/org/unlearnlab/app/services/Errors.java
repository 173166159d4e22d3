package org.unlearnlab.app.services;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Turns exceptions into what a user should read: one line first, the stack trace only on request. */
public final class Errors {
    private Errors() {
    }

    /** The most telling one-line message of {@code e}: its own, else its cause's, else its type. */
    public static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                int nl = m.indexOf('\n');
                return nl < 0 ? m.strip() : m.substring(0, nl).strip();
            }
        }
        return e == null ? "unknown error" : e.getClass().getSimpleName();
    }

    /** The full stack trace, for an expandable "details" area. */
    public static String details(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
