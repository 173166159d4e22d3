package org.unlearnlab.app;

/** The workbench's pages, in the order of the navigation rail. */
public enum WorkbenchPage {
    EXPERIMENT("Experiment", "Configure an experiment and run it", "experiment/ExperimentView.fxml"),
    TRAINING("Training", "Train the model of the current configuration", "training/TrainingView.fxml"),
    ATTACK_LAB("Attack lab", "Attack single digits with FGSM and PGD", "attacklab/AttackLabView.fxml"),
    UNLEARNING("Unlearning", "Watch the unlearning loop of the current run", "unlearning/UnlearningView.fxml"),
    RUNS("Runs", "Finished and saved runs", "runs/RunsView.fxml"),
    COMPARE("Compare", "Run every strategy from one starting model and diagnose each final model",
            "comparison/ComparisonView.fxml"),
    BACKDOOR("Backdoor", "Poison the training set with a trigger and purify the model with SAU",
            "backdoor/BackdoorView.fxml"),
    REQUESTS("Requests", "Adversarial forget requests, the request guard, and healing with twins",
            "requests/RequestsView.fxml");

    private final String label;
    private final String description;
    private final String fxml;

    WorkbenchPage(String label, String description, String fxml) {
        this.label = label;
        this.description = description;
        this.fxml = "/org/unlearnlab/app/" + fxml;
    }

    /** Class-path resource of the page's FXML. */
    public String fxml() {
        return fxml;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}
