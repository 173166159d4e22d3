package org.unlearnlab.app.shell;

import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.Errors;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.model.BundledModel;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * What the app does right after the window shows: load the bundled MNIST and the bundled pretrained model on the
 * engine thread, so the attack lab works without any training. The window stays responsive meanwhile.
 */
public final class StartupLoader {
    public static final String BUNDLED_MODEL_ORIGIN = "bundled, trained on all of MNIST";

    private final AppContext context;

    public StartupLoader(AppContext context) {
        this.context = context;
    }

    public void start() {
        context.statusMessageProperty().set("Loading the bundled MNIST…");
        context.taskExecutor().execute(BackgroundTask.<DatasetSplit>of("Loading MNIST", ctx -> {
            ctx.updateMessage("reading the bundled IDX files");
            ctx.updateProgress(-1);
            DatasetSplit split = DatasetLoader.bundledMnist();
            context.setDataset(split);
            return split;
        }).onSuccess(split -> context.statusMessageProperty().set("Loaded " + describe(split)))
                .onFailure(e -> context.statusMessageProperty().set("Could not load MNIST: " + Errors.message(e))));

        context.taskExecutor().execute(BackgroundTask.<Boolean>of("Loading the pretrained model", ctx -> {
            ctx.updateMessage("starting ND4J and reading lenet5-mnist.zip");
            NativeBackend.initialise();
            if (!BundledModel.available()) {
                return false;
            }
            context.setModel(BundledModel.load(), BUNDLED_MODEL_ORIGIN);
            return true;
        }).onSuccess(loaded -> context.statusMessageProperty().set(loaded
                ? "Ready: the attack lab uses the bundled LeNet-5"
                : "No pretrained model in this build: train one on the Training page"))
                .onFailure(e -> context.statusMessageProperty().set("Could not load the bundled model: "
                        + Errors.message(e) + " (train one on the Training page)")));
    }

    /** "MNIST · 60,000 training / 10,000 test images (bundled MNIST)". */
    public static String describe(DatasetSplit split) {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.US);
        return split.train().name() + " · " + n.format(split.train().size()) + " training / "
                + n.format(split.test().size()) + " test images";
    }
}
