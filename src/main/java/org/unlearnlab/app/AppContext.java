package org.unlearnlab.app;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.unlearnlab.app.services.ExperimentSession;
import org.unlearnlab.app.services.TaskExecutor;
import org.unlearnlab.engine.config.ExperimentConfig;
import org.unlearnlab.engine.data.DatasetSplit;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.experiment.ExperimentRunner;
import org.unlearnlab.engine.experiment.ForgetExperiment;
import org.unlearnlab.engine.experiment.ForgetResult;
import org.unlearnlab.engine.experiment.RunResumption;
import org.unlearnlab.engine.experiment.RunOutcome;
import org.unlearnlab.engine.metrics.StopReason;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.progress.ExperimentListener;
import org.unlearnlab.engine.runs.RunFolder;
import org.unlearnlab.engine.runs.RunStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The workbench's shared state, handed to every view-model by constructor: the one engine executor, the
 * loaded dataset, the current model, the current experiment config and the status bar's message.
 *
 * <p>Threading: the {@code xxxProperty()} accessors are for the FX thread (bind to them); {@link #dataset()}
 * and {@link #engineModel()} are the engine thread's view of the same state. The model itself
 * ({@link Classifier}) is engine-side and must only be used inside a {@link org.unlearnlab.app.services.BackgroundTask}
 * run by {@link #taskExecutor()}; the UI sees it through {@link #modelProperty()}.
 */
public final class AppContext {
    private final TaskExecutor executor;
    private final TaskExecutor fileExecutor;
    private final RunStore runStore;
    private final ExperimentSession experimentSession;
    private final AtomicLong modelVersions = new AtomicLong();
    private Consumer<String> documentOpener;

    private volatile DatasetSplit engineDataset;
    private volatile ImageDataset engineTestSet;
    private final ReadOnlyObjectWrapper<ImageDataset> testSet = new ReadOnlyObjectWrapper<>(this, "testSet");
    private volatile Classifier engineModel;
    private final ReadOnlyObjectWrapper<DatasetSplit> dataset = new ReadOnlyObjectWrapper<>(this, "dataset");
    private final ReadOnlyObjectWrapper<ModelInfo> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ObjectProperty<ExperimentConfig> experimentConfig =
            new SimpleObjectProperty<>(this, "experimentConfig", ExperimentConfig.defaults());
    private final StringProperty statusMessage = new SimpleStringProperty(this, "statusMessage", "");
    private final ObjectProperty<WorkbenchPage> page =
            new SimpleObjectProperty<>(this, "page", WorkbenchPage.EXPERIMENT);
    private final ReadOnlyObjectWrapper<Request<Path>> runToOpen = new ReadOnlyObjectWrapper<>(this, "runToOpen");
    private final ReadOnlyObjectWrapper<Request<ExperimentConfig>> configToRerun =
            new ReadOnlyObjectWrapper<>(this, "configToRerun");

    /**
     * A cross-page request ("open this run", "run this config again"), observed by the page that fulfils it. A new
     * object per request, compared by identity, so that asking twice for the same run is still a change.
     */
    public static final class Request<T> {
        private final T subject;

        Request(T subject) {
            this.subject = Objects.requireNonNull(subject);
        }

        public T subject() {
            return subject;
        }

        @Override
        public String toString() {
            return "Request[" + subject + "]";
        }
    }

    /** Runs stored under {@link RunStore#defaultRoot()}. */
    public AppContext(TaskExecutor executor) {
        this(executor, new RunStore(RunStore.defaultRoot()));
    }

    public AppContext(TaskExecutor executor, RunStore runStore) {
        this(executor, runStore, null);
    }

    /** @param engine runs experiments; null for {@link ExperimentRunner} recording into {@code runStore} */
    public AppContext(TaskExecutor executor, RunStore runStore, ExperimentSession.ExperimentEngine engine) {
        this(executor, executor, runStore, engine);
    }

    /**
     * @param fileExecutor for file work that must not wait behind engine work (listing runs); never for ND4J
     * @param engine       runs experiments; null for {@link ExperimentRunner} recording into {@code runStore}
     */
    public AppContext(TaskExecutor executor, TaskExecutor fileExecutor, RunStore runStore,
                      ExperimentSession.ExperimentEngine engine) {
        this(executor, fileExecutor, runStore, engine, null);
    }

    /** @param resumer continues recorded runs; null for {@link RunResumption} */
    public AppContext(TaskExecutor executor, TaskExecutor fileExecutor, RunStore runStore,
                      ExperimentSession.ExperimentEngine engine, ExperimentSession.ResumeEngine resumer) {
        this.executor = Objects.requireNonNull(executor);
        this.fileExecutor = Objects.requireNonNull(fileExecutor);
        this.runStore = Objects.requireNonNull(runStore);
        this.experimentSession = new ExperimentSession(executor, engine != null ? engine : this::runRecorded,
                resumer != null ? resumer : AppContext::resumeRecorded, this::setModel);
        // The status bar's last word must not outlive what it describes ("uses the bundled model" after a run
        // replaced that model).
        experimentSession.statusProperty().addListener((obs, old, status) -> {
            ExperimentConfig run = experimentSession.configProperty().get();
            String name = run == null ? "" : "'" + run.name() + "' ";
            switch (status) {
                case SUCCEEDED -> {
                    RunOutcome outcome = experimentSession.outcomeProperty().get();
                    statusMessage.set("Run " + name + "finished" + (outcome == null ? ""
                            : " (" + (outcome.reason() == null ? "forget request answered" : outcome.reason()) + ")")
                            + (outcome != null && outcome.model() != null ? "; the attack lab now uses its final model" : ""));
                }
                case CANCELLED -> statusMessage.set("Run " + name + "cancelled; the current model is unchanged");
                case FAILED -> statusMessage.set("Run " + name + "failed: " + experimentSession.errorProperty().get());
                default -> {
                }
            }
        });
    }

    private RunOutcome runRecorded(ExperimentConfig config, ExperimentListener listener, CancellationToken token)
            throws IOException {
        if (config.forget() != null) {
            // Refused before a folder is made, as on the command line.
            new ForgetExperiment(config).checkRequest(engineDataset);
        }
        RunFolder folder = runStore.create(config);
        listener.log("Recording the run in " + folder.path());
        if (config.forget() == null) {
            return new ExperimentRunner(config).run(folder, listener, token);
        }
        long start = System.nanoTime();
        ForgetResult r = new ForgetExperiment(config).withData(engineDataset).run(folder, listener, token);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // A forget run has no unlearning loop: no iterations, no stop reason; its figures are in forget-result.json.
        return new RunOutcome(folder.path(), r == null ? StopReason.CANCELLED : null, List.of(), folder.readRemoved(),
                r == null ? 0 : r.kept().remainingSize(), millis, null);
    }

    private static RunOutcome resumeRecorded(Path folder, ExperimentListener listener, CancellationToken token)
            throws IOException {
        return RunResumption.open(folder).run(listener, token);
    }

    /** The one executor for all engine work (ND4J is not thread-safe). */
    public TaskExecutor taskExecutor() {
        return executor;
    }

    /**
     * Runs file-only work (reading run folders) without waiting behind a training; never use it for ND4J.
     * The same as {@link #taskExecutor()} unless the app set up a second thread.
     */
    public TaskExecutor fileExecutor() {
        return fileExecutor;
    }

    /** The current experiment run, observed by the Unlearning view; FX thread. */
    public ExperimentSession experimentSession() {
        return experimentSession;
    }

    /** Where runs are recorded and listed from. */
    public RunStore runStore() {
        return runStore;
    }

    /** The loaded train/test split, or null while loading; FX thread. */
    public ReadOnlyObjectProperty<DatasetSplit> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    /** The loaded split as the engine thread sees it (immutable, so also safe to read elsewhere), or null. */
    public DatasetSplit dataset() {
        return engineDataset;
    }

    /** Any thread; {@link #datasetProperty()} and {@link #testSetProperty()} follow on the UI thread. */
    public void setDataset(DatasetSplit split) {
        engineDataset = split;
        engineTestSet = split == null ? null : split.test();
        executor.uiExecutor().execute(() -> {
            dataset.set(split);
            testSet.set(split == null ? null : split.test());
        });
    }

    /**
     * Installs the test images ahead of the whole split (start-up decodes the small test set first, so the attack
     * lab can begin while the training images are still being read). Any thread.
     */
    public void setTestSet(ImageDataset test) {
        if (engineDataset == null) {
            engineTestSet = test;
            executor.uiExecutor().execute(() -> {
                if (dataset.get() == null) {
                    testSet.set(test);
                }
            });
        }
    }

    /** The test images, as soon as they are loaded (possibly before {@link #dataset()}), or null. Any thread. */
    public ImageDataset testSet() {
        return engineTestSet;
    }

    /** The test images as the UI sees them: set ahead of the split at start-up, then the split's. FX thread. */
    public ReadOnlyObjectProperty<ImageDataset> testSetProperty() {
        return testSet.getReadOnlyProperty();
    }

    /** The current model as the UI sees it, or null when there is none yet; FX thread. */
    public ReadOnlyObjectProperty<ModelInfo> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The current model, or null. Engine thread only: call it inside a BackgroundTask. */
    public Classifier engineModel() {
        return engineModel;
    }

    /**
     * Installs {@code classifier} as the current model (the attack lab uses it from then on). Engine thread only:
     * the parameter count is read from the network here.
     *
     * @param origin where it came from, for the status bar: "bundled, trained on all MNIST", "trained here …"
     */
    public ModelInfo setModel(Classifier classifier, String origin) {
        engineModel = Objects.requireNonNull(classifier);
        ModelInfo info = new ModelInfo(classifier.preset(), origin, classifier.parameterCount(),
                modelVersions.incrementAndGet());
        executor.uiExecutor().execute(() -> model.set(info));
        return info;
    }

    /** The experiment being edited in the Experiment view; Training and Run use it. FX thread. */
    public ObjectProperty<ExperimentConfig> experimentConfigProperty() {
        return experimentConfig;
    }

    /** A short message for the status bar ("Saved paper.json"); FX thread. */
    public StringProperty statusMessageProperty() {
        return statusMessage;
    }

    /** The page the main window shows; set it to navigate. FX thread. */
    public ObjectProperty<WorkbenchPage> pageProperty() {
        return page;
    }

    /**
     * Shows {@code folder} (charts, gallery, config) on the Unlearning page. The request is set before the page,
     * so an Unlearning page built on this visit finds it waiting. FX thread.
     */
    public void openRun(Path folder) {
        runToOpen.set(new Request<>(folder));
        page.set(WorkbenchPage.UNLEARNING);
    }

    /** The last "open this run" request, null before the first; the Unlearning page fulfils it. FX thread. */
    public ReadOnlyObjectProperty<Request<Path>> runToOpenProperty() {
        return runToOpen.getReadOnlyProperty();
    }

    /**
     * Loads {@code config} into the Experiment page, ready to press Run. It also becomes the shared config, so a
     * Training page or an Experiment page built later starts from it too. FX thread.
     */
    public void rerun(ExperimentConfig config) {
        experimentConfig.set(config);
        configToRerun.set(new Request<>(config));
        page.set(WorkbenchPage.EXPERIMENT);
    }

    /** The last "run this config again" request, null before the first; the Experiment page fulfils it. */
    public ReadOnlyObjectProperty<Request<ExperimentConfig>> configToRerunProperty() {
        return configToRerun.getReadOnlyProperty();
    }

    /**
     * Opens a file or web address in the desktop's viewer (the application's HostServices), or null where there is
     * none (tests, a headless screen): then a page says where the file is instead. FX thread.
     */
    public Consumer<String> documentOpener() {
        return documentOpener;
    }

    /** Installed by the application at start. */
    public void setDocumentOpener(Consumer<String> opener) {
        this.documentOpener = opener;
    }

    /** Stops the engine thread (cancelling what runs); called when the window closes. */
    public void shutdown() {
        executor.shutdown();
        if (fileExecutor != executor) {
            fileExecutor.shutdown();
        }
    }
}
