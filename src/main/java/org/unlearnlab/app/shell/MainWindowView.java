package org.unlearnlab.app.shell;

import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
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
    @FXML private StackPane pageHost;
    @FXML private ToggleButton navExperiment;
    @FXML private ToggleButton navTraining;
    @FXML private ToggleButton navAttackLab;
    @FXML private ToggleButton navUnlearning;
    @FXML private ToggleButton navRuns;
    @FXML private ToggleButton navCompare;
    @FXML private ToggleButton navBackdoor;
    @FXML private ToggleButton presentationToggle;
    @FXML private Label datasetLabel;
    @FXML private Label modelLabel;
    @FXML private Label activityLabel;
    @FXML private ProgressBar activityProgress;

    private final Map<WorkbenchPage, Parent> pages = new EnumMap<>(WorkbenchPage.class);
    private final MainWindowViewModel viewModel;
    private final ViewLoader pageLoader;

    /** @param pageLoader loads each page's FXML with its view-model, on the page's first visit */
    public MainWindowView(MainWindowViewModel viewModel, ViewLoader pageLoader) {
        this.viewModel = Objects.requireNonNull(viewModel);
        this.pageLoader = Objects.requireNonNull(pageLoader);
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
        show(viewModel.pageProperty().get());

        presentationToggle.selectedProperty().bindBidirectional(viewModel.presentationModeProperty());
        viewModel.presentationModeProperty().addListener((obs, was, on) -> {
            root.getStyleClass().remove(PRESENTATION);
            if (on) {
                root.getStyleClass().add(PRESENTATION);
            }
        });

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

    private void installShortcuts(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F11), viewModel::togglePresentationMode);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN),
                viewModel::togglePresentationMode);
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
