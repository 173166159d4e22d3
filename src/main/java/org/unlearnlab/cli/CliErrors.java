package org.unlearnlab.cli;

import org.unlearnlab.engine.config.ConfigException;
import org.unlearnlab.engine.data.IdxFormatException;
import org.unlearnlab.engine.experiment.RunNotResumableException;
import org.unlearnlab.engine.model.ModelFileException;
import org.unlearnlab.engine.experiment.ForgetRequestException;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;

/** Turns exceptions into one line for the user and an exit code; no stack traces. */
final class CliErrors {
    private CliErrors() {
    }

    /** Input the user can fix: exit 2. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    static int exitCode(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof CancellationException) {
            return UnlearnLabCli.EXIT_CANCELLED;
        }
        if (t instanceof ConfigException || t instanceof IdxFormatException || t instanceof ModelFileException
                || t instanceof BadInput || t instanceof RunNotResumableException || t instanceof NoSuchFileException
                || t instanceof FileNotFoundException || t instanceof ForgetRequestException || deniedAccess(t)) {
            return UnlearnLabCli.EXIT_BAD_INPUT;
        }
        return UnlearnLabCli.EXIT_FAILED;
    }

    /** A folder the user chose cannot be written: theirs to fix, like any other bad input. */
    private static boolean deniedAccess(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AccessDeniedException) {
                return true;
            }
        }
        return false;
    }

    static String message(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof NoSuchFileException nsf) {
            return nsf.getFile() + ": file not found";
        }
        if (t instanceof CancellationException) {
            return "cancelled";
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.io.UncheckedIOException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
