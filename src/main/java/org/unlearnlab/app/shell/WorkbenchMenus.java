package org.unlearnlab.app.shell;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.unlearnlab.app.ViewLoader;
import org.unlearnlab.app.WorkbenchPage;

import java.io.File;
import java.util.List;
import java.util.function.Supplier;

/**
 * The menu bar, where every shortcut can be found: File, Run, View (one item per page, Ctrl+1 onwards, from the
 * page list itself), Help. Each item calls the {@link MainWindowViewModel}; only the file choosers and the two
 * dialogs are built here.
 */
final class WorkbenchMenus {
    private final MainWindowViewModel vm;
    private final Supplier<Window> owner;
    private File lastFolder;

    WorkbenchMenus(MainWindowViewModel vm, Supplier<Window> owner) {
        this.vm = vm;
        this.owner = owner;
    }

    void install(MenuBar bar) {
        bar.getMenus().setAll(file(), run(), view(), help());
    }

    private Menu file() {
        MenuItem open = item("Open config…", "openConfigItem", new KeyCodeCombination(KeyCode.O,
                KeyCombination.SHORTCUT_DOWN), this::openConfig);
        MenuItem save = item("Save config…", "saveConfigItem", new KeyCodeCombination(KeyCode.S,
                KeyCombination.SHORTCUT_DOWN), this::saveConfig);
        MenuItem quit = item("Quit", "quitItem", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                Platform::exit);
        Menu m = new Menu("_File", null, open, save, new SeparatorMenuItem(), quit);
        m.setId("fileMenu");
        return m;
    }

    private Menu run() {
        MenuItem run = item("Run experiment", "runItem", new KeyCodeCombination(KeyCode.R,
                KeyCombination.SHORTCUT_DOWN), vm::runExperiment);
        run.disableProperty().bind(vm.runningProperty());
        MenuItem cancel = item("Cancel run (Esc)", "cancelRunItem", new KeyCodeCombination(KeyCode.PERIOD,
                KeyCombination.SHORTCUT_DOWN), vm::cancelRun);
        cancel.disableProperty().bind(vm.runningProperty().not());
        Menu m = new Menu("_Run", null, run, cancel);
        m.setId("runMenu");
        return m;
    }

    private Menu view() {
        Menu m = new Menu("_View");
        m.setId("viewMenu");
        ToggleGroup pages = new ToggleGroup();
        List<WorkbenchPage> all = vm.pages();
        for (int i = 0; i < all.size(); i++) {
            WorkbenchPage page = all.get(i);
            int n = i + 1;
            RadioMenuItem item = new RadioMenuItem(page.label());
            item.setId("page" + n + "Item");
            item.setToggleGroup(pages);
            item.setSelected(vm.pageProperty().get() == page);
            // Ctrl+1 … Ctrl+9; a tenth page would have no digit left and is reached from the menu only.
            if (n <= 9) {
                item.setAccelerator(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + n),
                        KeyCombination.SHORTCUT_DOWN));
            }
            item.setOnAction(e -> vm.showPage(n));
            vm.pageProperty().addListener((obs, old, now) -> item.setSelected(now == page));
            m.getItems().add(item);
        }
        CheckMenuItem fullScreen = new CheckMenuItem("Full screen");
        fullScreen.setId("fullScreenItem");
        fullScreen.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        fullScreen.selectedProperty().bindBidirectional(vm.fullScreenProperty());
        CheckMenuItem presentation = new CheckMenuItem("Presentation mode (also Ctrl+P)");
        presentation.setId("presentationItem");
        presentation.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        presentation.selectedProperty().bindBidirectional(vm.presentationModeProperty());
        m.getItems().addAll(new SeparatorMenuItem(), fullScreen, presentation);
        return m;
    }

    private Menu help() {
        MenuItem keys = item("Keyboard shortcuts", "shortcutsItem", new KeyCodeCombination(KeyCode.F1),
                this::showShortcuts);
        MenuItem about = item("About UnlearnLab", "aboutItem", null, this::showAbout);
        Menu m = new Menu("_Help", null, keys, about);
        m.setId("helpMenu");
        return m;
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(key);
        item.setOnAction(e -> action.run());
        return item;
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment configs (*.json)", "*.json"));
        if (lastFolder != null && lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        return chooser;
    }

    private void openConfig() {
        File f = chooser("Open experiment config").showOpenDialog(owner.get());
        if (f != null) {
            lastFolder = f.getParentFile();
            vm.openConfig(f.toPath());
        }
    }

    private void saveConfig() {
        FileChooser chooser = chooser("Save experiment config");
        chooser.setInitialFileName(vm.configFileName());
        File f = chooser.showSaveDialog(owner.get());
        if (f != null) {
            lastFolder = f.getParentFile();
            vm.saveConfig(f.toPath());
        }
    }

    private void showShortcuts() {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        List<String[]> rows = vm.shortcuts();
        for (int i = 0; i < rows.size(); i++) {
            Label key = new Label(rows.get(i)[0]);
            key.getStyleClass().add("shortcut-key");
            grid.addRow(i, key, new Label(rows.get(i)[1]));
        }
        grid.setPadding(new Insets(8));
        dialog("Keyboard shortcuts", grid).show();
    }

    private void showAbout() {
        Label about = new Label(vm.aboutText());
        about.setWrapText(true);
        TextArea licences = new TextArea(vm.licenceText());
        licences.setId("licenceText");
        licences.setEditable(false);
        licences.setWrapText(false);
        licences.setPrefColumnCount(100);
        licences.setPrefRowCount(24);
        licences.setStyle("-fx-font-family: monospace;");
        VBox box = new VBox(12, about, licences);
        box.setPadding(new Insets(8));
        dialog("About UnlearnLab", box).show();
    }

    private Dialog<Void> dialog(String title, javafx.scene.Node content) {
        Dialog<Void> d = new Dialog<>();
        d.setTitle(title);
        d.initOwner(owner.get());
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.getDialogPane().getStylesheets().add(ViewLoader.stylesheet());
        d.setResizable(true);
        return d;
    }
}
