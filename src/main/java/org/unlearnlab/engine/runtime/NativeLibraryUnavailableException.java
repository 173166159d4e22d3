package org.unlearnlab.engine.runtime;

/**
 * ND4J's native library cannot run here: another OS or CPU than the build ships it for, or the library failed to
 * load. The message is the one line a user reads (the app's status bar, the command line's error).
 */
public final class NativeLibraryUnavailableException extends RuntimeException {
    public NativeLibraryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
