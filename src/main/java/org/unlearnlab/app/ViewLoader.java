package org.unlearnlab.app;

import javafx.fxml.FXMLLoader;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;

/**
 * Loads a feature's FXML and hands its controller the AppContext through the controller's public
 * {@code init(AppContext)} method, the one contract every view controller follows (found reflectively so the
 * shell does not depend on the feature classes).
 */
public final class ViewLoader {
    private ViewLoader() {
    }

    /** A loaded view: its root node and its controller. */
    public record LoadedView(Parent root, Object controller) {
    }

    /**
     * @throws IOException if the resource is missing or its FXML, controller or {@code init} fails
     */
    public static LoadedView load(String resource, AppContext context) throws IOException {
        URL url = ViewLoader.class.getResource(resource);
        if (url == null) {
            throw new IOException(resource + " is not on the class path");
        }
        FXMLLoader loader = new FXMLLoader(url);
        Parent root = loader.load();
        Object controller = loader.getController();
        if (controller != null) {
            try {
                Method init = controller.getClass().getMethod("init", AppContext.class);
                init.invoke(controller, context);
            } catch (NoSuchMethodException e) {
                // A controller that needs nothing from the app may leave init out.
            } catch (IllegalAccessException e) {
                throw new IOException(resource + ": cannot call init(AppContext) of " + controller.getClass(), e);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw new IOException(resource + ": " + controller.getClass().getSimpleName() + ".init failed: "
                        + cause, cause);
            }
        }
        return new LoadedView(root, controller);
    }

    /** The view, or a centred explanation in its place, so one broken page cannot stop the app from starting. */
    public static Parent loadOrPlaceholder(String resource, AppContext context, String pageName) {
        return loadOrPlaceholderView(resource, context, pageName).root();
    }

    /** As {@link #loadOrPlaceholder}, with the controller (null for the placeholder) for pages that are talked to. */
    public static LoadedView loadOrPlaceholderView(String resource, AppContext context, String pageName) {
        try {
            return load(resource, context);
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
