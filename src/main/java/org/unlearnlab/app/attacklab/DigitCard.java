package org.unlearnlab.app.attacklab;

import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.unlearnlab.app.common.digits.ColorMaps;
import org.unlearnlab.app.common.digits.DigitView;
import org.unlearnlab.engine.attack.AdversarialDigit;

import java.util.List;
import java.util.Locale;

/**
 * One test digit in the attack lab's grid: clean, perturbation and perturbed image, the prediction before
 * and after, and badges for a flipped prediction and a zero input gradient. Cards are reused when the
 * slider moves, so only their images change and the grid does not flicker.
 */
public class DigitCard extends VBox {
    static final double THUMB = 64;

    static final String ZERO_GRADIENT_EXPLANATION = "Zero gradient: the loss's gradient with respect to every pixel "
            + "of this digit was exactly 0,\nso FGSM had no direction to push and the 'perturbed' image equals "
            + "the clean one.\nThis is not robustness: the model is so confident that its gradient underflowed "
            + "(gradient masking).\nAccuracy counted on such digits overstates how robust the model is; PGD or the "
            + "stable loss often still fools it.";

    private final Label title = new Label();
    private final DigitView clean = new DigitView(THUMB);
    private final DigitView perturbation = new DigitView(THUMB);
    private final DigitView perturbed = new DigitView(THUMB);
    private final Label before = new Label();
    private final Label after = new Label();
    private final Label flippedBadge = new Label("⚠ flipped");
    private final Label zeroBadge = new Label("∅ zero gradient");
    private final Label distance = new Label();
    private AdversarialDigit digit;

    public DigitCard() {
        getStyleClass().add("digit-card");
        setAccessibleRole(AccessibleRole.BUTTON);
        title.getStyleClass().add("card-title");
        before.getStyleClass().add("card-before");
        after.getStyleClass().add("card-after");
        flippedBadge.getStyleClass().addAll("badge", "badge-flipped");
        zeroBadge.getStyleClass().addAll("badge", "badge-zero");
        distance.getStyleClass().add("card-distance");
        Tooltip distanceTip = new Tooltip("L2 distance from the clean digit (pixels 0 to 1): what C&W minimises. "
                + "A digit it could not flip is shown unchanged.");
        distanceTip.setShowDelay(Duration.millis(150));
        distance.setTooltip(distanceTip);
        Tooltip zeroTip = new Tooltip(ZERO_GRADIENT_EXPLANATION);
        zeroTip.setShowDelay(Duration.millis(150));
        zeroTip.setShowDuration(Duration.seconds(60));
        zeroBadge.setTooltip(zeroTip);
        Tooltip flipTip = new Tooltip("The attack changed the model's prediction for this digit.");
        flipTip.setShowDelay(Duration.millis(150));
        flippedBadge.setTooltip(flipTip);
        Tooltip.install(clean, new Tooltip("Clean test image"));
        Tooltip.install(perturbation, new Tooltip("Perturbation = perturbed − clean (blue darker, red brighter)"));
        Tooltip.install(perturbed, new Tooltip("What the attacked model sees"));

        HBox images = new HBox(4, clean, perturbation, perturbed);
        images.setAlignment(Pos.CENTER);
        Label arrow = new Label("→");
        arrow.getStyleClass().add("card-arrow");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox predictions = new HBox(6, before, arrow, after);
        predictions.setAlignment(Pos.CENTER_LEFT);
        HBox badges = new HBox(4, flippedBadge, zeroBadge, distance);
        badges.setAlignment(Pos.CENTER_LEFT);
        badges.setMinHeight(20);
        getChildren().addAll(title, images, predictions, badges);
        // Thumbnails follow the text size, so presentation mode enlarges the digits along with the labels.
        before.fontProperty().addListener((obs, old, f) -> {
            double size = Math.max(THUMB, Math.round(f.getSize() * 5));
            for (DigitView v : List.of(clean, perturbation, perturbed)) {
                v.setDigitSize(size);
            }
        });
        setSpacing(4);
        setFillWidth(true);
    }

    /**
     * @param epsilon the attack's budget, which scales the perturbation's colours; NaN for C&amp;W, which has none:
     *                the card then scales by the digit's own largest change and shows its L2 distance
     */
    public void show(AdversarialDigit d, double epsilon, List<String> classNames) {
        this.digit = d;
        title.setText("#" + d.index() + " · true " + classNames.get(d.label()));
        clean.setPixels(d.clean(), ColorMaps.GRAYSCALE);
        boolean budget = !Double.isNaN(epsilon);
        perturbation.setPixels(d.perturbation(), ColorMaps.diverging(budget ? epsilon : colourScale(d)));
        distance.setText(budget ? "" : String.format(Locale.ROOT, "L2 %.2f", d.l2Distance()));
        distance.setVisible(!budget);
        distance.setManaged(!budget);
        perturbed.setPixels(d.adversarial(), ColorMaps.GRAYSCALE);
        int b = d.cleanPrediction();
        int a = d.adversarialPrediction();
        before.setText(String.format(Locale.ROOT, "%s (%.0f%%)", classNames.get(b), 100 * d.cleanProbabilities()[b]));
        after.setText(String.format(Locale.ROOT, "%s (%.0f%%)", classNames.get(a), 100 * d.adversarialProbabilities()[a]));
        before.getStyleClass().remove("wrong");
        after.getStyleClass().remove("wrong");
        if (b != d.label()) {
            before.getStyleClass().add("wrong");
        }
        if (a != d.label()) {
            after.getStyleClass().add("wrong");
        }
        flippedBadge.setVisible(d.flipped());
        flippedBadge.setManaged(d.flipped());
        zeroBadge.setVisible(d.zeroGradient());
        zeroBadge.setManaged(d.zeroGradient());
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("flipped"), d.flipped());
        setAccessibleText(String.format(Locale.ROOT, "Digit %d, true %s, predicted %s then %s%s%s", d.index(),
                classNames.get(d.label()), classNames.get(b), classNames.get(a),
                d.flipped() ? ", flipped" : "", d.zeroGradient() ? ", zero gradient" : ""));
    }

    /** The colour scale of a perturbation without a budget: its own largest change, never 0. */
    public static double colourScale(AdversarialDigit d) {
        return Math.max(1e-3, d.largestChange());
    }

    /** The L2 label ("" when the attack has a budget); for tests. */
    String distanceText() {
        return distance.getText();
    }

    public AdversarialDigit digit() {
        return digit;
    }

    DigitView perturbedView() {
        return perturbed;
    }

    DigitView perturbationView() {
        return perturbation;
    }

    public void setSelected(boolean on) {
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), on);
    }
}
