package org.unlearnlab.engine.comparison;

import java.util.List;

/**
 * comparison.json: what a comparison folder holds.
 *
 * @param name              the base config's name
 * @param created           ISO-8601 instant the comparison started
 * @param strategies        strategy ids in the order they ran; each has a run folder of that name
 * @param diagnosticsSubset test images used by the diagnostics (0 = all; -1 = diagnostics off)
 * @param command           the command that produced the folder, for the report's "reproduce" line
 */
public record ComparisonManifest(String name, String created, List<String> strategies, int diagnosticsSubset,
                                 String command) {
}
