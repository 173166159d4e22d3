package org.unlearnlab.app;

/** The workbench's pages, in the order of the navigation rail. */
public enum WorkbenchPage {
    EXPERIMENT("Experiment", "Configure an experiment and run it"),
    TRAINING("Training", "Train the model of the current configuration"),
    ATTACK_LAB("Attack lab", "Attack single digits with FGSM and PGD"),
    UNLEARNING("Unlearning", "Watch the unlearning loop of the current run"),
    RUNS("Runs", "Finished and saved runs");

    private final String label;
    private final String description;

    WorkbenchPage(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}
