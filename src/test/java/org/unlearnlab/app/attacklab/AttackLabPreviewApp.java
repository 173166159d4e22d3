package org.unlearnlab.app.attacklab;

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
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.model.Classifier;

import java.nio.file.Path;

/**
 * Not a test: shows the attack lab alone with a real model, for looking at it under Xvfb and for the
 * screenshots. Args: model.zip, then one of "grid", "detail", "sweep", "draw".
 */
public class AttackLabPreviewApp extends Application {
    /** Entry point on the class path: the main class must not extend Application. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(AttackLabPreviewApp.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path zip = Path.of(getParameters().getRaw().get(0));
        String mode = getParameters().getRaw().size() > 1 ? getParameters().getRaw().get(1) : "grid";
        AppContext context = new AppContext(new EngineTaskExecutor());
        context.taskExecutor().execute(BackgroundTask.of("load", ctx -> {
            context.setDataset(DatasetLoader.bundledMnist());
            context.setModel(Classifier.load(zip, ModelPreset.LENET5), "preview");
            return null;
        }));
        ViewLoader.LoadedView loaded = new WorkbenchControllers(context).viewLoader()
                .load(WorkbenchPage.ATTACK_LAB.fxml());
        Parent root = loaded.root();
        AttackLabView view = (AttackLabView) loaded.controller();
        Scene scene = new Scene(root, 1600, 1000);
        scene.getStylesheets().add(ViewLoader.stylesheet());
        stage.setScene(scene);
        stage.setTitle("Attack lab preview");
        stage.setX(0);
        stage.setY(0);
        stage.show();
        PauseTransition later = new PauseTransition(Duration.seconds(6));
        later.setOnFinished(e -> {
            AttackLabViewModel vm = view.viewModel();
            switch (mode) {
                case "detail" -> vm.digits().stream().filter(d -> d.flipped()).findFirst()
                        .ifPresent(d -> vm.selectedProperty().set(d));
                case "sweep" -> {
                    view.tabs().getSelectionModel().select(1);
                    vm.runSweep();
                }
                case "draw" -> {
                    view.tabs().getSelectionModel().select(2);
                    DrawingPad pad = view.pad();
                    // A "7": top bar, then the diagonal stroke.
                    pad.paintLine(8, 7, 20, 7, false);
                    pad.paintLine(20, 7, 13, 22, false);
                    PauseTransition attack = new PauseTransition(Duration.seconds(2));
                    attack.setOnFinished(x -> vm.attackDrawing());
                    attack.play();
                }
                case "pgd" -> vm.kindProperty().set(org.unlearnlab.engine.attack.AttackKind.PGD);
                case "paper" -> vm.kindProperty().set(org.unlearnlab.engine.attack.AttackKind.FGSM_PAPER);
                default -> {
                }
            }
        });
        later.play();
    }
}
