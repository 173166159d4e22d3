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

    private AppContext context;

    public static void launchApp(String[] args) {
        Application.launch(UnlearnLabApp.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        context = new AppContext(new EngineTaskExecutor(),
                new EngineTaskExecutor("unlearnlab-files", Platform::runLater),
                new RunStore(RunStore.defaultRoot()), null);
        context.setDocumentOpener(getHostServices()::showDocument);
        stage.setScene(createScene(context));
        stage.setTitle("UnlearnLab");
        stage.setMinWidth(1000);
        stage.setMinHeight(680);
        stage.show();
        new StartupLoader(context).start();
    }

    /** The main window's scene for {@code context}; shared with the GUI tests. */
    public static Scene createScene(AppContext context) throws java.io.IOException {
        Scene scene = new Scene(new WorkbenchControllers(context).viewLoader().load(MAIN_WINDOW).root());
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
