package org.unlearnlab.engine.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.metrics.RemovedSample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one removed-samples CSV format: what is written reads back equal, and a bad line is named. */
class RemovedSamplesCsvTest {
    private static final Path FILE = Path.of("runs", "r1", "removed.csv");

    static final List<RemovedSample> SAMPLES = List.of(
            new RemovedSample(0, 7, 1, 2.5, 1),
            new RemovedSample(59_999, 0, 9, 1.0E-9, 2),
            new RemovedSample(12, 3, 3, 0.1 + 0.2, 3),
            new RemovedSample(13, 4, 5, Double.NaN, 3),
            new RemovedSample(14, 5, 6, Double.POSITIVE_INFINITY, 4));

    @Test
    void everySampleReadsBackEqual() throws IOException {
        for (RemovedSample s : SAMPLES) {
            assertEquals(s, RemovedSamplesCsv.parseLine(RemovedSamplesCsv.formatLine(s), FILE, 2));
        }
        String text = RemovedSamplesCsv.format(SAMPLES);
        assertTrue(text.startsWith(RemovedSamplesCsv.HEADER + "\n"), text);
        assertEquals(SAMPLES, RemovedSamplesCsv.parse(text.lines().toList(), FILE));
        assertEquals("0,7,1,2.5,1", RemovedSamplesCsv.formatLine(SAMPLES.get(0)), "the format runs already wrote");
    }

    @Test
    void anExportIsReadLikeARunsOwnFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("export.csv");
        RemovedSamplesCsv.write(SAMPLES, file);
        assertEquals(SAMPLES, RemovedSamplesCsv.parse(Files.readAllLines(file), file));
    }

    @Test
    void aMalformedLineIsNamedByFileAndLine() {
        IOException e = assertThrows(IOException.class, () -> RemovedSamplesCsv.parse(
                List.of(RemovedSamplesCsv.HEADER, "1,2,3,4.0,1", "1,2,x,4.0,1"), FILE));
        assertEquals(FILE + " line 3: not a number (For input string: \"x\")", e.getMessage());

        e = assertThrows(IOException.class, () -> RemovedSamplesCsv.parseLine("1,2,3", FILE, 7));
        assertEquals(FILE + " line 7: expected 5 values, found 3", e.getMessage());

        e = assertThrows(IOException.class, () -> RemovedSamplesCsv.parseLine("1,2,3,4.0,1,", FILE, 8));
        assertEquals(FILE + " line 8: expected 5 values, found 6", e.getMessage());
    }

    @Test
    void aFileWithoutTheHeaderIsRefusedAndAnEmptyOneHasNoSamples() throws IOException {
        IOException e = assertThrows(IOException.class, () -> RemovedSamplesCsv.parse(List.of("1,2,3,4.0,1"), FILE));
        assertEquals(FILE + " line 1: expected the header " + RemovedSamplesCsv.HEADER, e.getMessage());
        assertEquals(List.of(), RemovedSamplesCsv.parse(List.of(), FILE));
        assertEquals(List.of(), RemovedSamplesCsv.parse(List.of(RemovedSamplesCsv.HEADER), FILE));
    }
}
