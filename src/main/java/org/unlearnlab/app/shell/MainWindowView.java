package org.unlearnlab.app.shell;

import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.unlearnlab.app.ViewLoader;
import org.unlearnlab.app.WorkbenchPage;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The window's frame: navigation rail, the current page, the status bar. Pages are loaded on first visit. */
public final class MainWindowView {
    /**
     * A style class, not a pseudo-class: a pseudo-class change on the root did not always re-resolve the em-based
     * font sizes of pages already shown, while a style-class change reapplies CSS to the whole tree.
     */
    static final String PRESENTATION = "presentation";

    @FXML private BorderPane root;
    @FXML private MenuBar menuBar;
    @FXML private VBox navRail;
    @FXML private StackPane pageHost;
    @FXML private ToggleButton navExperiment;
    @FXML private ToggleButton navTraining;
    @FXML private ToggleButton navAttackLab;
    @FXML private ToggleButton navUnlearning;
    @FXML private ToggleButton navRuns;
    @FXML private ToggleButton navCompare;
    @FXML private ToggleButton navBackdoor;
    @FXML private ToggleButton navRequests;
    @FXML private ToggleButton presentationToggle;
    @FXML private Label datasetLabel;
    @FXML private Label modelLabel;
    @FXML private Label activityLabel;
    @FXML private ProgressBar activityProgress;

    private final Map<WorkbenchPage, Parent> pages = new EnumMap<>(WorkbenchPage.class);
    private final MainWindowViewModel viewModel;
    private final ViewLoader pageLoader;
    private final boolean firstPageAfterFirstFrame;

    /** @param pageLoader loads each page's FXML with its view-model, on the page's first visit */
    public MainWindowView(MainWindowViewModel viewModel, ViewLoader pageLoader) {
        this(viewModel, pageLoader, false);
    }

    /**
     * @param firstPageAfterFirstFrame build the first page only once the window has drawn its frame: the window
     *                                 then appears in the time the rail and status bar take, and the page (a
     *                                 second of CSS and FXML on a busy machine) follows
     */
    public MainWindowView(MainWindowViewModel viewModel, ViewLoader pageLoader, boolean firstPageAfterFirstFrame) {
        this.viewModel = Objects.requireNonNull(viewModel);
        this.pageLoader = Objects.requireNonNull(pageLoader);
        this.firstPageAfterFirstFrame = firstPageAfterFirstFrame;
    }

    @FXML
    private void initialize() {
        Map<WorkbenchPage, ToggleButton> nav = new EnumMap<>(WorkbenchPage.class);
        nav.put(WorkbenchPage.EXPERIMENT, navExperiment);
        nav.put(WorkbenchPage.TRAINING, navTraining);
        nav.put(WorkbenchPage.ATTACK_LAB, navAttackLab);
        nav.put(WorkbenchPage.UNLEARNING, navUnlearning);
        nav.put(WorkbenchPage.RUNS, navRuns);
        nav.put(WorkbenchPage.COMPARE, navCompare);
        nav.put(WorkbenchPage.BACKDOOR, navBackdoor);
        nav.put(WorkbenchPage.REQUESTS, navRequests);
        ToggleGroup group = new ToggleGroup();
        nav.forEach((page, button) -> {
            button.setToggleGroup(group);
            button.setUserData(page);
            button.setTooltip(new Tooltip(page.description()));
        });
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // A rail always shows where you are: clicking the current page again must not unselect it.
                group.selectToggle(old);
            } else {
                viewModel.pageProperty().set((WorkbenchPage) now.getUserData());
            }
        });
        viewModel.pageProperty().addListener((obs, old, page) -> {
            group.selectToggle(nav.get(page));
            show(page);
        });
        group.selectToggle(nav.get(viewModel.pageProperty().get()));
        if (firstPageAfterFirstFrame) {
            afterFirstFrame(() -> show(viewModel.pageProperty().get()));
        } else {
            show(viewModel.pageProperty().get());
        }

        presentationToggle.selectedProperty().bindBidirectional(viewModel.presentationModeProperty());
        viewModel.presentationModeProperty().addListener((obs, was, on) -> {
            root.getStyleClass().remove(PRESENTATION);
            if (on) {
                root.getStyleClass().add(PRESENTATION);
            }
        });
        // A projector shows the page, not the rail: the menu and the shortcuts still switch pages.
        navRail.visibleProperty().bind(viewModel.presentationModeProperty().not());
        navRail.managedProperty().bind(navRail.visibleProperty());
        new WorkbenchMenus(viewModel, () -> root.getScene() == null ? null : root.getScene().getWindow())
                .install(menuBar);

        datasetLabel.textProperty().bind(viewModel.datasetTextProperty());
        modelLabel.textProperty().bind(viewModel.modelTextProperty());
        viewModel.datasetMissingProperty().addListener((obs, was, missing) -> markMissing(datasetLabel, missing));
        viewModel.modelMissingProperty().addListener((obs, was, missing) -> markMissing(modelLabel, missing));
        markMissing(datasetLabel, viewModel.datasetMissingProperty().get());
        markMissing(modelLabel, viewModel.modelMissingProperty().get());
        activityLabel.textProperty().bind(viewModel.activityTextProperty());
        activityProgress.progressProperty().bind(viewModel.activityProgressProperty());
        activityProgress.visibleProperty().bind(viewModel.busyProperty());
        activityProgress.managedProperty().bind(viewModel.busyProperty());

        root.sceneProperty().addListener((obs, old, scene) -> installShortcuts(scene));
        installShortcuts(root.getScene());
    }

    /** The shortcuts the menus do not carry: a second key for presentation mode, Esc to cancel, full screen. */
    private void installShortcuts(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                viewModel::togglePresentationMode);
        // A handler, not a filter: a control that uses Esc (an open combo box, a dialog) gets it first.
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && viewModel.runningProperty().get()) {
                viewModel.cancelRun();
                e.consume();
            }
        });
        followFullScreen(scene);
    }

    private void followFullScreen(Scene scene) {
        scene.windowProperty().addListener((obs, old, window) -> bindFullScreen(window));
        bindFullScreen(scene.getWindow());
    }

    private void bindFullScreen(javafx.stage.Window window) {
        if (window instanceof javafx.stage.Stage stage) {
            viewModel.fullScreenProperty().addListener((obs, was, on) -> stage.setFullScreen(on));
            // Esc leaves full screen on its own: the view-model must hear of it.
            stage.fullScreenProperty().addListener((obs, was, on) -> viewModel.fullScreenProperty().set(on));
            stage.setFullScreenExitHint("");
        }
    }

    /** Runs {@code action} on the FX thread after the first pulse of the window that will hold {@link #root}. */
    private void afterFirstFrame(Runnable action) {
        Runnable[] once = new Runnable[1];
        java.util.function.Consumer<Scene> install = scene -> {
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                javafx.application.Platform.runLater(action);
            };
            scene.addPostLayoutPulseListener(once[0]);
        };
        if (root.getScene() != null) {
            install.accept(root.getScene());
        } else {
            root.sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Scene> obs, Scene old, Scene now) {
                    if (now != null) {
                        root.sceneProperty().removeListener(this);
                        install.accept(now);
                    }
                }
            });
        }
    }

    private static void markMissing(Label label, boolean missing) {
        label.getStyleClass().remove("status-item-missing");
        if (missing) {
            label.getStyleClass().add("status-item-missing");
        }
    }

    private void show(WorkbenchPage page) {
        Parent node = pages.computeIfAbsent(page, p -> pageLoader.loadOrPlaceholder(p.fxml(), p.label()).root());
        pageHost.getChildren().setAll(node);
    }

    public MainWindowViewModel viewModel() {
        return viewModel;
    }
}
