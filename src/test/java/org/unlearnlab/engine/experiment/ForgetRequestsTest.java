package org.unlearnlab.engine.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.config.ForgetRequestKind;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.metrics.RemovedSample;
import org.unlearnlab.engine.runs.RemovedSamplesCsv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forget requests resolved against a constructed training set of 100 labels (label = index mod 10). */
class ForgetRequestsTest {
    private static final int[] LABELS = new int[100];

    static {
        for (int i = 0; i < LABELS.length; i++) {
            LABELS[i] = i % 10;
        }
    }

    @TempDir
    Path dir;

    private static ForgetSettings.Request request(ForgetRequestKind kind, double fraction, int label, int count,
                                                  String file, String run) {
        return ForgetSettings.Request.of(kind, fraction, label, count, file, run);
    }

    @Test
    void aRandomFractionIsSeededAndSplitsTheSetInTwo() {
        ForgetSet a = ForgetRequests.resolve(request(ForgetRequestKind.RANDOM_FRACTION, 0.2, 0, 0, null, null),
                LABELS, 5);
        ForgetSet b = ForgetRequests.resolve(request(ForgetRequestKind.RANDOM_FRACTION, 0.2, 0, 0, null, null),
                LABELS, 5);
        ForgetSet c = ForgetRequests.resolve(request(ForgetRequestKind.RANDOM_FRACTION, 0.2, 0, 0, null, null),
                LABELS, 6);
        assertEquals(20, a.size());
        assertEquals(80, a.remaining().length);
        assertArrayEquals(a.forget(), b.forget());
        assertNotEquals(Arrays.toString(a.forget()), Arrays.toString(c.forget()));
        int[] all = new int[100];
        Arrays.stream(a.forget()).forEach(i -> all[i]++);
        Arrays.stream(a.remaining()).forEach(i -> all[i]++);
        assertTrue(Arrays.stream(all).allMatch(n -> n == 1), "each row once, in one of the two");
    }

    @Test
    void aClassRequestTakesAllOrASeededDrawOfThatClass() {
        ForgetSet all = ForgetRequests.resolve(request(ForgetRequestKind.CLASS, 0, 7, 0, null, null), LABELS, 1);
        assertEquals(10, all.size());
        assertTrue(Arrays.stream(all.forget()).allMatch(i -> LABELS[i] == 7));
        ForgetSet some = ForgetRequests.resolve(request(ForgetRequestKind.CLASS, 0, 7, 4, null, null), LABELS, 1);
        assertEquals(4, some.size());
        assertTrue(Arrays.stream(some.forget()).allMatch(i -> LABELS[i] == 7));
        ForgetRequestException tooMany = assertThrows(ForgetRequestException.class, () -> ForgetRequests.resolve(
                request(ForgetRequestKind.CLASS, 0, 7, 25, null, null), LABELS, 1));
        assertEquals("forget.request.count: asks for 25 samples of class 7 but the training set (100 samples) has"
                + " only 10", tooMany.getMessage());
    }

    @Test
    void anIndicesFileIsReadWithCommentsBlankLinesAndCsvColumns() throws Exception {
        Path f = dir.resolve("forget.txt");
        Files.writeString(f, "# rows to forget\n3\n\n 17 \n42,extra,columns\n");
        ForgetSet s = ForgetRequests.resolve(request(ForgetRequestKind.INDICES, 0, 0, 0, f.toString(), null),
                LABELS, 1);
        assertArrayEquals(new int[]{3, 17, 42}, s.forget());
    }

    @Test
    void aBadIndicesFileIsRefusedNamingTheFileAndLine() throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, "1\nseven\n");
        assertEquals(f + " line 2: 'seven' is not a training index (a whole number, or test:N for test image N)",
                refused(f));
        Files.writeString(f, "1\n2\n100\n");
        assertEquals(f + " line 3: index 100 is out of range (the training set has 100 samples, indices 0 to 99)",
                refused(f));
        Files.writeString(f, "-1\n");
        assertTrue(refused(f).startsWith(f + " line 1: index -1 is out of range"));
        Files.writeString(f, "5\n6\n5\n");
        assertEquals(f + " line 3: index 5 is listed twice (first on line 1)", refused(f));
        Files.writeString(f, "# nothing\n");
        assertEquals("forget.request: names no training sample, so there is nothing to forget", refused(f));
        assertEquals("forget.request.indicesFile: " + dir.resolve("missing.txt") + ": file not found",
                refused(dir.resolve("missing.txt")));
    }

    private static String refused(Path f) {
        return assertThrows(ForgetRequestException.class, () -> ForgetRequests.resolve(
                request(ForgetRequestKind.INDICES, 0, 0, 0, f.toString(), null), LABELS, 1)).getMessage();
    }

    @Test
    void aRunFoldersRemovedSamplesAreTheRequest() throws Exception {
        RemovedSamplesCsv.write(List.of(new RemovedSample(8, 8, 3, 2.5, 1), new RemovedSample(2, 2, 1, 1.5, 2)),
                dir.resolve("removed.csv"));
        ForgetSet s = ForgetRequests.resolve(request(ForgetRequestKind.RUN, 0, 0, 0, null, dir.toString()), LABELS, 1);
        assertArrayEquals(new int[]{2, 8}, s.forget());
        // The same file also works as an indices file: its header is skipped.
        ForgetSet asFile = ForgetRequests.resolve(request(ForgetRequestKind.INDICES, 0, 0, 0,
                dir.resolve("removed.csv").toString(), null), LABELS, 1);
        assertArrayEquals(new int[]{2, 8}, asFile.forget());
        Path empty = Files.createDirectory(dir.resolve("not-a-run"));
        assertEquals("forget.request.runFolder: " + empty + " has no removed.csv (is it a run folder?)",
                assertThrows(ForgetRequestException.class, () -> ForgetRequests.resolve(
                        request(ForgetRequestKind.RUN, 0, 0, 0, null, empty.toString()), LABELS, 1)).getMessage());
    }

    @Test
    void aRunFolderOfALargerTrainingSetIsRefused() throws Exception {
        RemovedSamplesCsv.write(List.of(new RemovedSample(500, 0, 3, 2.5, 1)), dir.resolve("removed.csv"));
        String m = assertThrows(ForgetRequestException.class, () -> ForgetRequests.resolve(
                request(ForgetRequestKind.RUN, 0, 0, 0, null, dir.toString()), LABELS, 1)).getMessage();
        assertTrue(m.contains("line 2: index 500 is out of range"), m);
    }
}
