package org.unlearnlab.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX workbench (placeholder until the shell lands). */
public class UnlearnLabApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(UnlearnLabApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("UnlearnLab");
        stage.show();
    }
}
