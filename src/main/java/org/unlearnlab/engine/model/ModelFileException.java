package org.unlearnlab.engine.model;

import java.io.IOException;

/** A model file that cannot be used: not a model, corrupt, or of another architecture. */
public class ModelFileException extends IOException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
