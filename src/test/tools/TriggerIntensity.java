import org.unlearnlab.engine.backdoor.BackdoorEvaluation;
import org.unlearnlab.engine.backdoor.BackdoorMetrics;
import org.unlearnlab.engine.backdoor.BadNetsTrigger;
import org.unlearnlab.engine.backdoor.TriggeredTestSet;
import org.unlearnlab.engine.config.BackdoorSettings;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.data.ImageDataset;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.progress.CancellationToken;
import org.unlearnlab.engine.runtime.NativeBackend;

import java.nio.file.Path;

/**
 * ASR of a backdoored model when the trigger is stamped at lower intensities, on the 9,020 non-target MNIST test
 * images: can a perturbation inside an L-inf ball of radius r reach the backdoor through the trigger's pixels?
 * Run with the source launcher (README, Backdoors and SAU).
 */
public class TriggerIntensity {
    public static void main(String[] a) throws Exception {
        NativeBackend.initialise();
        ImageDataset test = DatasetLoader.bundledMnistTest();
        for (String zip : a) {
            Classifier m = Classifier.load(Path.of(zip));
            for (double v : new double[]{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0}) {
                TriggeredTestSet t = TriggeredTestSet.of(test, BadNetsTrigger.of(new BackdoorSettings.Trigger(3, 24, 24, v)), 0);
                BackdoorMetrics r = new BackdoorEvaluation(TensorData.of(test), t).evaluate(m, 0, CancellationToken.none());
                System.out.printf("%s value %.1f: clean %.4f ASR %.4f robust %.4f%n", Path.of(zip).getFileName(), v,
                        r.cleanAccuracy(), r.attackSuccessRate(), r.robustAccuracy());
            }
        }
    }
}
