package org.unlearnlab.app;

import javafx.fxml.FXMLLoader;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.util.Callback;

import java.io.IOException;
import java.net.URL;
import java.util.Objects;

/**
 * Loads a page's FXML with the app's controller factory, which builds each controller with its view-model
 * already made; the loader itself knows no feature, so the shell can load pages without depending on them.
 */
public final class ViewLoader {
    /** The workbench's style sheet, added to every scene (the app's and the GUI tests'). */
    public static final String STYLESHEET = "/org/unlearnlab/app/unlearnlab.css";

    private final Callback<Class<?>, Object> controllers;

    /** @param controllers makes the controller named by an FXML's {@code fx:controller} */
    public ViewLoader(Callback<Class<?>, Object> controllers) {
        this.controllers = Objects.requireNonNull(controllers);
    }

    /** A loaded view: its root node and its controller. */
    public record LoadedView(Parent root, Object controller) {
    }

    /** The style sheet's external form, for {@code scene.getStylesheets().add(…)}. */
    public static String stylesheet() {
        return Objects.requireNonNull(ViewLoader.class.getResource(STYLESHEET), STYLESHEET).toExternalForm();
    }

    /**
     * @throws IOException if the resource is missing or its FXML or controller fails
     */
    public LoadedView load(String resource) throws IOException {
        URL url = ViewLoader.class.getResource(resource);
        if (url == null) {
            throw new IOException(resource + " is not on the class path");
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(controllers);
        Parent root = loader.load();
        return new LoadedView(root, loader.getController());
    }

    /**
     * The view, or a centred explanation in its place (controller null), so one broken page cannot stop the app
     * from starting.
     */
    public LoadedView loadOrPlaceholder(String resource, String pageName) {
        try {
            return load(resource);
        } catch (IOException | RuntimeException e) {
            System.err.println("UnlearnLab: cannot show " + pageName + ": " + e);
            if (e.getCause() != null) {
                e.getCause().printStackTrace();
            }
            Label label = new Label(pageName + " is not available in this build.\n" + e.getMessage());
            label.getStyleClass().add("placeholder-label");
            label.setMaxWidth(640);
            StackPane pane = new StackPane(label);
            pane.setAlignment(Pos.CENTER);
            pane.getStyleClass().add("page");
            return new LoadedView(pane, null);
        }
    }
}
