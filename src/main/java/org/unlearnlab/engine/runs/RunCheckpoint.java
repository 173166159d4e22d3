package org.unlearnlab.engine.runs;

import org.unlearnlab.engine.metrics.LoopState;

/**
 * The resume state of a run folder, kept as the entry {@value RunFolder#RESUME_ENTRY} inside model.zip: the model
 * (with its optimiser state) and this record are replaced by one atomic rename, so a kill at any moment leaves a
 * model and a state of the same finished iteration. Rows that metrics.jsonl and removed.csv hold beyond the counts
 * here belong to an iteration that did not finish; a resume drops them and repeats it.
 *
 * @param format       {@link #FORMAT}; a later layout gets a new number
 * @param loop         the loop's iteration and random streams
 * @param metricsLines lines of metrics.jsonl (epoch and iteration rows) written by then
 * @param removedRows  samples in removed.csv by then
 */
public record RunCheckpoint(int format, LoopState loop, int metricsLines, int removedRows) {
    public static final int FORMAT = 1;
}
