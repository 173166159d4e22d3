package org.unlearnlab.app.shell;

import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.model.BundledModel;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the bundled MNIST and the bundled pretrained model, so the attack lab works without any training.
 *
 * <p>Split in two for start-up time ({@link #begin} before JavaFX starts, {@link #attach} once the window's
 * context exists): ND4J's native start, the model and the MNIST decoding then overlap the seconds JavaFX takes to
 * open the window, instead of following them. The test images are decoded first, since the attack lab needs only
 * them; the training images follow on the same thread. ND4J and the model are loaded on the engine executor, as
 * all ND4J work is; MNIST decoding is plain Java and gets a thread of its own.
 */
public final class StartupLoader {
    public static final String BUNDLED_MODEL_ORIGIN = "bundled, trained on all of MNIST";
    private static final long TRAINING_IMAGES_AT_THE_LATEST_MS = 20_000;

    private final TaskExecutor engine;
    private final StartupTimes startup;
    private final CompletableFuture<ImageDataset> testSet = new CompletableFuture<>();
    private final CompletableFuture<DatasetSplit> split = new CompletableFuture<>();
    private final java.util.concurrent.CountDownLatch trainingImagesWanted = new java.util.concurrent.CountDownLatch(1);
    /** Engine thread only: the model loaded by {@link #begin}'s task, handed over by {@link #attach}'s. */
    private Classifier model;

    private StartupLoader(TaskExecutor engine, StartupTimes startup) {
        this.engine = engine;
        this.startup = startup;
    }

    /**
     * Starts loading at once: MNIST on its own thread, ND4J and the model as the first task of {@code engine}
     * (whose UI callbacks may wait until JavaFX runs).
     */
    public static StartupLoader begin(TaskExecutor engine, StartupTimes startup) {
        StartupLoader loader = new StartupLoader(engine, startup);
        Thread mnist = new Thread(loader::decodeMnist, "unlearnlab-mnist");
        mnist.setDaemon(true);
        mnist.start();
        engine.execute(BackgroundTask.<Boolean>of("Loading the pretrained model", ctx -> {
            ctx.updateMessage("starting ND4J and reading lenet5-mnist.zip");
            NativeBackend.initialise();
            startup.mark("ND4J started");
            if (BundledModel.available()) {
                loader.model = BundledModel.load();
                startup.mark("model loaded");
            }
            return true;
        }));
        return loader;
    }

    private void decodeMnist() {
        try {
            testSet.complete(DatasetLoader.bundledMnistTest());
            startup.mark("MNIST test set decoded");
            // The training images (five sixths of the decoding) wait until the first attacked digit is up, so
            // as not to take the CPU from it; nothing before that needs them.
            trainingImagesWanted.await(TRAINING_IMAGES_AT_THE_LATEST_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            split.complete(DatasetLoader.bundledMnist());
            startup.mark("MNIST training set decoded");
        } catch (Throwable e) {
            testSet.completeExceptionally(e);
            split.completeExceptionally(e);
        }
    }

    /** Lets the training images be decoded now (they wait for this, or for a few seconds at most). */
    public void decodeTrainingImages() {
        trainingImagesWanted.countDown();
    }

    /** Hands what is loaded, and what will be, to {@code context}, with a word in its status bar for each. */
    public void attach(AppContext context) {
        context.statusMessageProperty().set("Loading the bundled MNIST and the pretrained model…");
        testSet.thenAccept(context::setTestSet);
        split.whenComplete((s, e) -> context.taskExecutor().uiExecutor().execute(() -> {
            if (e != null) {
                context.statusMessageProperty().set("Could not load MNIST: " + Errors.message(unwrap(e)));
            } else {
                context.setDataset(s);
                context.statusMessageProperty().set("Loaded " + describe(s));
            }
        }));
        // Queued behind begin()'s task on the same one thread, so the model is there (or its failure known).
        engine.execute(BackgroundTask.<Boolean>of("Loading the pretrained model", ctx -> {
            Classifier m = model;
            if (m == null) {
                NativeBackend.initialise();
                if (!BundledModel.available()) {
                    return false;
                }
                m = BundledModel.load();
            }
            context.setModel(m, BUNDLED_MODEL_ORIGIN);
            return true;
        }).onSuccess(loaded -> context.statusMessageProperty().set(loaded
                ? "Ready: the attack lab uses the bundled LeNet-5"
                : "No pretrained model in this build: train one on the Training page"))
                .onFailure(e -> context.statusMessageProperty().set(
                        e instanceof org.unlearnlab.engine.runtime.NativeLibraryUnavailableException
                                ? e.getMessage()
                                : "Could not load the bundled model: " + Errors.message(e)
                                + " (train one on the Training page)")));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** "MNIST · 60,000 training / 10,000 test images (bundled MNIST)". */
    public static String describe(DatasetSplit split) {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.US);
        return split.train().name() + " · " + n.format(split.train().size()) + " training / "
                + n.format(split.test().size()) + " test images";
    }
}
