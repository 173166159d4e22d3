package org.unlearnlab.app.unlearning;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ViewLoader;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.services.BackgroundTask;
import org.unlearnlab.app.services.EngineTaskExecutor;
import org.unlearnlab.app.shell.WorkbenchControllers;
import org.unlearnlab.engine.data.DatasetLoader;

import java.nio.file.Path;

/**
 * Not a test: shows the unlearning page alone on a run folder, for looking at it under Xvfb and for the
 * screenshots. Args: run folder, then "gallery", "detail", "filter" or "export" (then the SVG file to write).
 */
public class UnlearningPreviewApp extends Application {
    /** Entry point on the class path: the main class must not extend Application. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(UnlearningPreviewApp.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path run = Path.of(getParameters().getRaw().get(0));
        String mode = getParameters().getRaw().size() > 1 ? getParameters().getRaw().get(1) : "gallery";
        AppContext context = new AppContext(new EngineTaskExecutor());
        context.taskExecutor().execute(BackgroundTask.of("load", ctx -> {
            context.setDataset(DatasetLoader.bundledMnist());
            return null;
        }));
        ViewLoader.LoadedView loaded = new WorkbenchControllers(context).viewLoader()
                .load(WorkbenchPage.UNLEARNING.fxml());
        Parent root = loaded.root();
        UnlearningView view = (UnlearningView) loaded.controller();
        Scene scene = new Scene(root, 1600, 1000);
        scene.getStylesheets().add(ViewLoader.stylesheet());
        stage.setScene(scene);
        stage.setTitle("Unlearning preview");
        stage.setX(0);
        stage.setY(0);
        stage.show();
        PauseTransition later = new PauseTransition(Duration.seconds(3));
        later.setOnFinished(e -> {
            view.viewModel().openFolder(run);
            PauseTransition next = new PauseTransition(Duration.seconds(mode.equals("export") ? 20 : 4));
            next.setOnFinished(x -> {
                RemovedGalleryModel g = view.viewModel().gallery();
                switch (mode) {
                    case "detail" -> g.selectRelative(0);
                    case "export" -> {
                        // The chart's export menu open, and its SVG written to the third argument (once the run
                        // folder has been read: that happens on the engine thread).
                        if (view.viewModel().iterations().isEmpty()) {
                            return;
                        }
                        view.exportChartSvg(Path.of(getParameters().getRaw().get(2)));
                        javafx.scene.Node chart = root.lookup("#iterationChart");
                        javafx.geometry.Point2D at = chart.localToScreen(300, 120);
                        chart.fireEvent(new javafx.scene.input.ContextMenuEvent(
                                javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 300, 120, at.getX(),
                                at.getY(), false, null));
                    }
                    case "filter" -> {
                        g.classFilterProperty().set(9);
                        g.sortProperty().set(GallerySort.ITERATION);
                    }
                    default -> {
                    }
                }
            });
            next.play();
        });
        later.play();
    }
}
