package org.unlearnlab.app.shell;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ViewLoader;
import org.unlearnlab.app.services.EngineTaskExecutor;
import org.unlearnlab.engine.runs.RunStore;

/** The JavaFX workbench: builds the AppContext, shows the main window, then loads MNIST and the model. */
public class UnlearnLabApp extends Application {
    public static final String MAIN_WINDOW = "/org/unlearnlab/app/shell/MainWindow.fxml";

    /** Prints the start-up figures on stdout once the first attacked digit shows, then quits (for README). */
    public static final String STARTUP_REPORT = "--startup-report";
    private static final long STARTUP_REPORT_TIMEOUT_MS = 180_000;

    // Made by launchApp before JavaFX starts, so that loading overlaps the toolkit's own start.
    private static final StartupTimes STARTUP = new StartupTimes();
    private static UiWhenReady earlyUi;
    private static EngineTaskExecutor earlyEngine;
    private static StartupLoader earlyLoader;

    private AppContext context;
    private final StartupTimes startup = STARTUP;

    public static void launchApp(String[] args) {
        earlyUi = new UiWhenReady();
        earlyEngine = new EngineTaskExecutor(earlyUi);
        earlyLoader = StartupLoader.begin(earlyEngine, STARTUP);
        Application.launch(UnlearnLabApp.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        startup.mark("JavaFX started");
        EngineTaskExecutor engine = earlyEngine != null ? earlyEngine : new EngineTaskExecutor();
        StartupLoader loader = earlyLoader != null ? earlyLoader : StartupLoader.begin(engine, startup);
        if (earlyUi != null) {
            earlyUi.open();
        }
        context = new AppContext(engine, new EngineTaskExecutor("unlearnlab-files", Platform::runLater),
                new RunStore(RunStore.defaultRoot()), null);
        context.setDocumentOpener(getHostServices()::showDocument);
        loader.attach(context);
        startup.whenFirstDigitShown(loader::decodeTrainingImages);
        // A class sees a fooled digit first; the Experiment page is one key away.
        context.pageProperty().set(org.unlearnlab.app.WorkbenchPage.ATTACK_LAB);
        if (getParameters().getRaw().contains(STARTUP_REPORT)) {
            reportStartupAndQuit();
        }
        Scene scene = createScene(context, new WorkbenchControllers(context,
                () -> markWhenLaidOut(stage, StartupTimes.FIRST_DIGIT), true));
        stage.setScene(scene);
        stage.setTitle("UnlearnLab");
        stage.setMinWidth(1000);
        stage.setMinHeight(680);
        stage.setOnShown(e -> markWhenLaidOut(stage, StartupTimes.WINDOW_SHOWN));
        stage.show();
    }

    /** Marks {@code what} once the pulse that lays out the current change has run, i.e. when it is drawn. */
    private void markWhenLaidOut(Stage stage, String what) {
        Scene scene = stage.getScene();
        if (scene == null) {
            startup.mark(what);
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            startup.mark(what);
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }

    private void reportStartupAndQuit() {
        startup.whenFirstDigitShown(() -> Platform.runLater(() -> {
            System.out.println(startup.summary());
            System.out.println("  " + startup.details());
            if (Boolean.getBoolean("unlearnlab.threadCpu")) {
                threadCpu();
            }
            System.exit(0);
        }));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(STARTUP_REPORT_TIMEOUT_MS);
            } catch (InterruptedException e) {
                return;
            }
            System.out.println(startup.summary());
            System.out.println("  " + startup.details());
            System.exit(1);
        }, "unlearnlab-startup-report");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * With {@code -Dunlearnlab.threadCpu=true}, the start-up report adds the CPU each thread (by name) used: how it
     * was found that the JIT compiler threads take about as much CPU as everything else at start-up.
     */
    private static void threadCpu() {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (var t : tasks.toList()) {
                String stat = java.nio.file.Files.readString(t.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                byName.merge(name.replaceAll("[0-9]+", "#"), ticks * 10, Long::sum);
            }
        } catch (java.io.IOException e) {
            return;
        }
        byName.entrySet().stream().sorted(java.util.Map.Entry.comparingByValue(java.util.Comparator.reverseOrder()))
                .forEach(e -> System.out.println("    " + e.getKey() + " " + e.getValue() + " ms"));
    }

    /** The main window's scene for {@code context}; shared with the GUI tests. */
    public static Scene createScene(AppContext context) throws java.io.IOException {
        return createScene(context, new WorkbenchControllers(context));
    }

    static Scene createScene(AppContext context, WorkbenchControllers controllers) throws java.io.IOException {
        Scene scene = new Scene(controllers.viewLoader().load(MAIN_WINDOW).root());
        scene.getStylesheets().add(ViewLoader.stylesheet());
        return scene;
    }

    @Override
    public void stop() {
        if (context != null) {
            context.shutdown();
        }
    }
}
