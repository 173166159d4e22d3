package org.unlearnlab.engine.experiment;

/**
 * A forget request that cannot be answered as given: samples that do not exist, a bad indices file, a run folder
 * without a removed.csv. The message is one line naming the field, file or line, for the user to fix.
 */
public final class ForgetRequestException extends RuntimeException {
    public ForgetRequestException(String message) {
        super(message);
    }

    public ForgetRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
