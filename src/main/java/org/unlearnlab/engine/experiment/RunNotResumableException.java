package org.unlearnlab.engine.experiment;

import java.io.IOException;

/** A folder that cannot be resumed: not a run, complete already, still running, or without a resume state. */
public final class RunNotResumableException extends IOException {
    public RunNotResumableException(String message) {
        super(message);
    }

    public RunNotResumableException(String message, Throwable cause) {
        super(message, cause);
    }
}
