package org.unlearnlab.app.shell;

import javafx.collections.ListChangeListener;
import javafx.util.Callback;
import org.unlearnlab.app.AppContext;
import org.unlearnlab.app.ViewLoader;
import org.unlearnlab.app.attacklab.AttackLabView;
import org.unlearnlab.app.attacklab.AttackLabViewModel;
import org.unlearnlab.app.attacklab.Debouncer;
import org.unlearnlab.app.attacklab.EngineAttackBackend;
import org.unlearnlab.app.common.diagnostics.EngineModelDiagnostics;
import org.unlearnlab.app.common.diagnostics.ModelDiagnosticsViewModel;
import org.unlearnlab.app.backdoor.BackdoorView;
import org.unlearnlab.app.backdoor.BackdoorViewModel;
import org.unlearnlab.app.backdoor.EngineBackdoorBackend;
import org.unlearnlab.app.comparison.ComparisonView;
import org.unlearnlab.app.comparison.ComparisonViewModel;
import org.unlearnlab.app.comparison.EngineComparisonBackend;
import org.unlearnlab.app.experiment.ExperimentView;
import org.unlearnlab.app.experiment.ExperimentViewModel;
import org.unlearnlab.app.experiment.PresetLibrary;
import org.unlearnlab.app.requests.EngineRequestsBackend;
import org.unlearnlab.app.requests.RequestsView;
import org.unlearnlab.app.requests.RequestsViewModel;
import org.unlearnlab.app.runs.RunsView;
import org.unlearnlab.app.runs.RunsViewModel;
import org.unlearnlab.app.training.TrainingView;
import org.unlearnlab.app.training.TrainingViewModel;
import org.unlearnlab.app.unlearning.EngineTwinBackend;
import org.unlearnlab.app.unlearning.ForgetResultsView;
import org.unlearnlab.app.unlearning.UnlearningView;
import org.unlearnlab.app.unlearning.UnlearningViewModel;
import org.unlearnlab.engine.attack.AdversarialDigit;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.experiment.RunAudit;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The app's composition root, installed as the FXML controller factory: for each page's controller it builds the
 * view-model on the AppContext, with the engine backends and the app-state reactions it needs, and hands it to the
 * View's constructor. Views therefore only bind controls, and every reaction to app state lives in a view-model,
 * where the tests without a UI reach it.
 */
public final class WorkbenchControllers implements Callback<Class<?>, Object> {
    private final AppContext context;
    private final ViewLoader viewLoader = new ViewLoader(this);
    private final Map<Class<?>, Supplier<Object>> controllers;
    private final Runnable firstDigitsShown;
    private final boolean firstPageAfterFirstFrame;

    public WorkbenchControllers(AppContext context) {
        this(context, () -> { }, false);
    }

    /**
     * @param firstDigitsShown         called once, on the FX thread, when the attack lab first holds attacked digits
     * @param firstPageAfterFirstFrame the window shows before its first page is built (the app; not the tests)
     */
    public WorkbenchControllers(AppContext context, Runnable firstDigitsShown, boolean firstPageAfterFirstFrame) {
        this.context = Objects.requireNonNull(context);
        this.firstDigitsShown = Objects.requireNonNull(firstDigitsShown);
        this.firstPageAfterFirstFrame = firstPageAfterFirstFrame;
        this.controllers = Map.of(
                MainWindowView.class, this::mainWindow,
                ExperimentView.class, this::experiment,
                TrainingView.class, this::training,
                AttackLabView.class, this::attackLab,
                UnlearningView.class, this::unlearning,
                ForgetResultsView.class, ForgetResultsView::new,
                RunsView.class, this::runs,
                ComparisonView.class, this::comparison,
                BackdoorView.class, this::backdoor,
                RequestsView.class, this::requests);
    }

    /** Loads FXML with this factory. */
    public ViewLoader viewLoader() {
        return viewLoader;
    }

    @Override
    public Object call(Class<?> type) {
        Supplier<Object> controller = controllers.get(type);
        if (controller == null) {
            throw new IllegalArgumentException("No controller is made for " + type.getName()
                    + "; add it to WorkbenchControllers");
        }
        return controller.get();
    }

    private MainWindowView mainWindow() {
        return new MainWindowView(new MainWindowViewModel(context, this::experimentViewModel), viewLoader,
                firstPageAfterFirstFrame);
    }

    private ExperimentViewModel experimentViewModel;

    /** One Experiment view-model, shared by its page and the menu bar, made when either first needs it. */
    private ExperimentViewModel experimentViewModel() {
        if (experimentViewModel == null) {
            experimentViewModel = new ExperimentViewModel(context, PresetLibrary.standard());
            experimentViewModel.preferClassroomDemoToDefaults();
        }
        return experimentViewModel;
    }

    private ExperimentView experiment() {
        return new ExperimentView(experimentViewModel());
    }

    private TrainingView training() {
        return new TrainingView(new TrainingViewModel(context));
    }

    private AttackLabView attackLab() {
        AttackLabViewModel vm = new AttackLabViewModel(context.taskExecutor(), new EngineAttackBackend(context),
                Debouncer.fx(120));
        vm.follow(context.experimentConfigProperty(), context.modelProperty(), context.testSetProperty());
        vm.digits().addListener(new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends AdversarialDigit> change) {
                if (!change.getList().isEmpty()) {
                    change.getList().removeListener(this);
                    firstDigitsShown.run();
                }
            }
        });
        ModelDiagnosticsViewModel diagnostics = new ModelDiagnosticsViewModel(context.taskExecutor(),
                new EngineModelDiagnostics(context), context.modelProperty(), context.experimentConfigProperty());
        return new AttackLabView(vm, diagnostics);
    }

    private UnlearningView unlearning() {
        // The engine thread's view of the dataset: the twins are computed there.
        Supplier<ImageDataset> train = () -> context.dataset() == null ? null : context.dataset().train();
        UnlearningViewModel vm = new UnlearningViewModel(context.taskExecutor(), new EngineTwinBackend(context), train,
                (folder, events, token) -> RunAudit.audit(folder, context.dataset(), events, token));
        vm.setRunsRoot(context.runStore().root());
        vm.followSession(context.experimentSession());
        vm.followApp(context.modelProperty(), context.datasetProperty(), context.runToOpenProperty());
        return new UnlearningView(vm);
    }

    private RunsView runs() {
        return new RunsView(new RunsViewModel(context));
    }

    private BackdoorView backdoor() {
        return new BackdoorView(new BackdoorViewModel(context.taskExecutor(),
                new EngineBackdoorBackend(() -> context.runStore().root()), context.experimentConfigProperty()));
    }

    private RequestsView requests() {
        return new RequestsView(new RequestsViewModel(context.taskExecutor(),
                new EngineRequestsBackend(() -> context.runStore().root()), context.experimentConfigProperty()));
    }

    private ComparisonView comparison() {
        ComparisonViewModel vm = new ComparisonViewModel(context.taskExecutor(), context.fileExecutor(),
                new EngineComparisonBackend(), () -> context.runStore().root(), context.experimentConfigProperty(),
                PresetLibrary.standard().presets(), Clock.systemDefaultZone());
        return new ComparisonView(vm, context.documentOpener());
    }
}
