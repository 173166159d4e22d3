package org.unlearnlab.engine.runs;

/** A run as listed by {@link RunStore}: where it is and its summary (with RUNNING turned INCOMPLETE if dead). */
public record RunEntry(java.nio.file.Path folder, RunSummary summary) {
}
