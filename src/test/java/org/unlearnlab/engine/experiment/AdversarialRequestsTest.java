package org.unlearnlab.engine.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unlearnlab.engine.config.ForgetRequestKind;
import org.unlearnlab.engine.config.ForgetSettings;
import org.unlearnlab.engine.config.SystemKnowledge;
import org.unlearnlab.engine.config.TrainingSetKnowledge;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.training.TrainingData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request guard and the adversary's pools on a constructed data set: 40 training images whose pixels are all
 * their index (label index mod 10), and 10 test images of which test image 0 repeats training image 2 exactly.
 */
class AdversarialRequestsTest {
    private static final DatasetSplit SPLIT = split();
    private static final TrainingData DATA = TrainingData.of(SPLIT);
    private static final RequestGuard GUARD = new RequestGuard(SPLIT.train(), SPLIT.test());

    @TempDir
    Path dir;

    private static ImageDataset images(int n, int offset) {
        float[] pixels = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * 784, (i + 1) * 784, (i + offset) / 1000f);
            labels[i] = (i + offset) % 10;
        }
        return new ImageDataset("constructed", 28, 28, pixels, labels,
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    private static DatasetSplit split() {
        ImageDataset test = images(10, 100);
        float[] pixels = test.pixels().clone();
        int[] labels = test.labels().clone();
        // Test image 0 is training image 2: same pixels, same label.
        Arrays.fill(pixels, 0, 784, 2 / 1000f);
        labels[0] = 2;
        return new DatasetSplit(images(40, 0), new ImageDataset("constructed", 28, 28, pixels, labels,
                test.classNames()), "constructed");
    }

    private static ForgetSettings.Request request(ForgetRequestKind kind, double fraction, int label, int count,
                                                  String file, ForgetSettings.Adversary a) {
        return new ForgetSettings.Request(kind, fraction, label, count, file, null, a);
    }

    private static AdversarialRequests.Resolved resolve(ForgetSettings.Request q) {
        return AdversarialRequests.resolve(q, DATA, GUARD, null, ForgetSettings.defaults().influence(), 7,
                CancellationToken.none());
    }

    @Test
    void theGuardRefusesAnUnseenSampleAndADuplicateAndCountsThem() {
        RequestGuard.Checked c = GUARD.check(List.of(RequestedSample.train(5), RequestedSample.test(3),
                RequestedSample.train(5), RequestedSample.test(0), RequestedSample.train(2)));
        assertEquals(List.of(RequestGuard.Status.ACCEPTED, RequestGuard.Status.REFUSED_UNSEEN,
                        RequestGuard.Status.REFUSED_DUPLICATE, RequestGuard.Status.ACCEPTED,
                        RequestGuard.Status.REFUSED_DUPLICATE),
                c.verdicts().stream().map(RequestGuard.Verdict::status).toList());
        // A test image with a training image's content is that training image, found by its hash.
        assertArrayEquals(new int[]{5, 2}, c.acceptedRows());
        assertEquals("2 accepted, 1 refused (unseen), 2 refused (duplicate)", c.counts());
        assertEquals("refused: test image 3 (label 3) is not in the training set: the model never saw it",
                c.verdicts().get(1).message());
        assertEquals("refused: training image 2 has the same pixels and label as request entry 4 (test image 0)",
                c.verdicts().get(4).message());
    }

    @Test
    void aRequestFileMayNameTestImagesAndRepeatsAreRefusedNotFatal() throws Exception {
        Path f = dir.resolve("request.txt");
        Files.writeString(f, "# two seen, one unseen, one repeated\n4\ntest:0\ntest:7\ntrain:4\n");
        AdversarialRequests.Resolved r = resolve(request(ForgetRequestKind.INDICES, 0, 0, 0, f.toString(),
                ForgetSettings.Adversary.defaults()));
        assertArrayEquals(new int[]{2, 4}, r.set().forget());
        ForgetResult.Requested s = r.summary(request(ForgetRequestKind.INDICES, 0, 0, 0, f.toString(),
                ForgetSettings.Adversary.defaults()));
        assertEquals(List.of(4, 2, 1, 1), List.of(s.asked(), s.accepted(), s.refusedUnseen(), s.refusedDuplicate()));
        assertEquals(2, s.refusals().size());
        assertTrue(r.csv().startsWith(AdversarialRequests.CSV_HEADER + "\n1,train,4,4,4,accepted,\n2,test,0,2,2,"
                + "accepted,\n3,test,7,7,-1,refused-unseen,\n4,train,4,4,-1,refused-duplicate,\n"), r.csv());

        Files.writeString(f, "test:10\n");
        assertEquals(f + " line 1: index 10 is out of range (the test set has 10 samples, indices 0 to 9)",
                assertThrows(ForgetRequestException.class, () -> resolve(request(ForgetRequestKind.INDICES, 0, 0,
                        0, f.toString(), ForgetSettings.Adversary.defaults()))).getMessage());
        Files.writeString(f, "test:3\n");
        assertTrue(assertThrows(ForgetRequestException.class, () -> resolve(request(ForgetRequestKind.INDICES, 0,
                0, 0, f.toString(), ForgetSettings.Adversary.defaults()))).getMessage()
                .startsWith("forget.request: the request guard refused all 1 requested samples"));
    }

    @Test
    void aSelectedAdversaryNamesOnlyItsOwnSamplesAndABlindOneIsPartlyRefused() {
        ForgetSettings.Adversary selected = new ForgetSettings.Adversary(0, 0, SystemKnowledge.BLIND,
                TrainingSetKnowledge.SELECTED, 10, 0);
        int[] pool = AdversarialRequests.pool(selected, 40, 10, 7).train();
        assertEquals(10, pool.length);
        AdversarialRequests.Resolved r = resolve(request(ForgetRequestKind.RANDOM_FRACTION, 0.1, 0, 0, null,
                selected));
        assertEquals(4, r.set().size());
        assertTrue(Arrays.stream(r.set().forget()).allMatch(i -> Arrays.binarySearch(pool, i) >= 0));

        ForgetSettings.Adversary blind = new ForgetSettings.Adversary(20, 0, SystemKnowledge.BLIND,
                TrainingSetKnowledge.BLIND, 20, 0);
        AdversarialRequests.Resolved b = resolve(request(ForgetRequestKind.WORST_CASE, 0, 0, 0, null, blind));
        ForgetResult.Requested s = b.summary(request(ForgetRequestKind.WORST_CASE, 0, 0, 0, null, blind));
        // 10 training images and the 10 test images, one of which (test 0) is training image 2.
        assertEquals(20, s.asked());
        assertEquals(11, s.accepted());
        assertEquals(9, s.refusedUnseen());
    }

    @Test
    void aRequestBeyondTheBudgetIsRefusedNamingTheField() {
        ForgetSettings.Adversary three = new ForgetSettings.Adversary(3, 0, SystemKnowledge.BLIND,
                TrainingSetKnowledge.KNOWN, 0, 0);
        String m = assertThrows(ForgetRequestException.class, () -> resolve(request(ForgetRequestKind.CLASS, 0, 3,
                0, null, three))).getMessage();
        assertEquals("forget.request.adversary.budget: the request asks for 4 samples, more than the adversary's"
                + " budget of 3", m);
    }

    @Test
    void theBudgetIsTheSmallerOfItsLimits() {
        assertEquals(25, AdversarialRequests.budget(new ForgetSettings.Adversary(25, 0, SystemKnowledge.BLIND,
                TrainingSetKnowledge.KNOWN, 0, 0), 1000));
        assertEquals(10, AdversarialRequests.budget(new ForgetSettings.Adversary(25, 0.01, SystemKnowledge.BLIND,
                TrainingSetKnowledge.KNOWN, 0, 0), 1000));
        assertEquals(0, AdversarialRequests.budget(ForgetSettings.Adversary.defaults(), 1000));
    }
}
