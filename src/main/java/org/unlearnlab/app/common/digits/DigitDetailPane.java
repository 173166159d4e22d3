package org.unlearnlab.app.common.digits;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.unlearnlab.engine.attack.AdversarialDigit;

import java.util.List;
import java.util.Locale;

/**
 * One attacked digit at full size: clean image, perturbation and perturbed image side by side, the
 * ten-class probabilities before and after, and what the markers mean. Shared by the attack lab, the
 * drawing pad and the removed-samples gallery.
 */
public class DigitDetailPane extends VBox {
    private static final double BIG = 280;

    private final Label title = new Label();
    private final Label verdict = new Label();
    private final Label note = new Label();
    private final DigitView clean = new DigitView(BIG);
    private final DigitView perturbation = new DigitView(BIG);
    private final DigitView perturbed = new DigitView(BIG);
    private final DivergingLegend legend = new DivergingLegend();
    private final ProbabilityBars bars = new ProbabilityBars();
    // Hidden while there is no digit: empty frames and bars only raise the question what is missing.
    private final VBox content = new VBox();
    private AdversarialDigit digit;
    private String subject = "Test digit";
    private String emptyText = "No digit selected";

    public DigitDetailPane() {
        getStyleClass().add("digit-detail");
        title.getStyleClass().add("detail-title");
        verdict.getStyleClass().add("detail-verdict");
        note.getStyleClass().add("detail-note");
        note.setWrapText(true);
        note.setMaxWidth(3 * BIG + 40);

        HBox images = new HBox(12,
                captioned("Clean", clean),
                captioned("Perturbation (perturbed − clean)", perturbation, legend),
                captioned("Perturbed", perturbed));
        images.setAlignment(Pos.TOP_LEFT);
        content.getChildren().addAll(images, verdict, bars, note);
        content.setSpacing(10);
        getChildren().addAll(title, content);
        setSpacing(10);
    }

    private static VBox captioned(String caption, DigitView view, javafx.scene.Node... extra) {
        Label l = new Label(caption);
        l.getStyleClass().add("digit-caption");
        VBox box = new VBox(4, l, view);
        box.getChildren().addAll(extra);
        return box;
    }

    /**
     * @param context a line such as "FGSM (stable loss), ε = 0.100" or "removed in iteration 3"
     */
    public void show(AdversarialDigit d, double epsilon, String context, List<String> classNames) {
        this.digit = d;
        content.setVisible(d != null);
        content.setManaged(d != null);
        if (d == null) {
            title.setText(emptyText);
            clean.setImage(null);
            perturbation.setImage(null);
            perturbed.setImage(null);
            verdict.setText("");
            note.setText("");
            bars.setProbabilities(null, null, -1);
            return;
        }
        String name = d.index() < 0 ? "Your drawing" : subject + " #" + d.index();
        title.setText(name + " — true label " + classNames.get(d.label()) + " — " + context);
        clean.setPixels(d.clean(), ColorMaps.GRAYSCALE);
        perturbation.setPixels(d.perturbation(), ColorMaps.diverging(epsilon));
        perturbed.setPixels(d.adversarial(), ColorMaps.GRAYSCALE);
        legend.setEpsilon(epsilon);
        bars.setClassNames(classNames);
        bars.setProbabilities(d.cleanProbabilities(), d.adversarialProbabilities(), d.label());

        int before = d.cleanPrediction();
        int after = d.adversarialPrediction();
        verdict.setText(String.format(Locale.ROOT, "Prediction %s (%.1f%%) → %s (%.1f%%)%s",
                classNames.get(before), 100 * d.cleanProbabilities()[before],
                classNames.get(after), 100 * d.adversarialProbabilities()[after],
                d.flipped() ? "   ⚠ the attack flipped the prediction" : "   the prediction held"));
        verdict.getStyleClass().removeAll("flipped", "held");
        verdict.getStyleClass().add(d.flipped() ? "flipped" : "held");
        note.setText(d.zeroGradient()
                ? "∅ Zero gradient: the loss's gradient with respect to every input pixel was exactly 0, "
                + "so FGSM had no direction to push and left the digit unchanged. That is not robustness: "
                + "the model is so saturated (confident) that the gradient underflowed. A stronger or "
                + "differently computed attack (PGD, the stable loss) may still fool it."
                : "");
    }

    /** What the index refers to: "Test digit" (default) or "Training digit". */
    public void setSubject(String subject) {
        this.subject = subject;
    }

    /** The heading shown while there is no digit. */
    public void setEmptyText(String text) {
        this.emptyText = text;
        if (digit == null) {
            title.setText(text);
        }
    }

    public AdversarialDigit digit() {
        return digit;
    }
}
