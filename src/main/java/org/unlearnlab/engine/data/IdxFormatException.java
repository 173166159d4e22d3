package org.unlearnlab.engine.data;

import java.io.IOException;

/**
 * A dataset file that cannot be used: missing, not IDX, damaged, or not what the workbench needs.
 * The message is one line, {@code "<file>: <problem>"}, fit to show the user as it is.
 */
public class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    public IdxFormatException(String file, String problem) {
        this(file, problem, null);
    }

    public IdxFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file (or folder) the problem is in, as named in the message. */
    public String file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
