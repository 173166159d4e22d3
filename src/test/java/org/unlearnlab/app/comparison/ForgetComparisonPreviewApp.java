package org.unlearnlab.app.comparison;

import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ViewLoader;
import org.unlearnlab.app.WorkbenchPage;
import org.unlearnlab.app.services.EngineTaskExecutor;
import org.unlearnlab.app.shell.WorkbenchControllers;

import java.nio.file.Path;

/**
 * Not a test: shows the Compare page alone with forget run folders side by side, for looking at it under Xvfb and
 * for the screenshots. Args: forget run folders, or folders of runs.
 */
public class ForgetComparisonPreviewApp extends Application {
    /** Entry point on the class path: the main class must not extend Application. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(ForgetComparisonPreviewApp.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        AppContext context = new AppContext(new EngineTaskExecutor());
        ViewLoader.LoadedView loaded = new WorkbenchControllers(context).viewLoader()
                .load(WorkbenchPage.COMPARE.fxml());
        ComparisonView view = (ComparisonView) loaded.controller();
        Scene scene = new Scene(loaded.root(), 1600, 1000);
        scene.getStylesheets().add(ViewLoader.stylesheet());
        stage.setScene(scene);
        stage.setTitle("Compare preview");
        stage.setX(0);
        stage.setY(0);
        stage.show();
        PauseTransition later = new PauseTransition(Duration.seconds(2));
        later.setOnFinished(e -> getParameters().getRaw().forEach(a -> view.viewModel().forgetRuns().add(Path.of(a))));
        later.play();
    }
}
