import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.unlearnlab.engine.config.FgsmVariant;
import org.unlearnlab.engine.config.ModelPreset;
import org.unlearnlab.engine.data.DatasetLoader;
import org.unlearnlab.engine.model.Classifier;
import org.unlearnlab.engine.model.TensorData;
import org.unlearnlab.engine.runtime.NativeBackend;

/** Where paper-cnn's attack passes spend their time: forward vs calculateGradients at several batch sizes. */
public class AttackTiming {
    public static void main(String[] a) throws Exception {
        NativeBackend.limitNativeThreads();
        NativeBackend.initialise();
        TensorData t = TensorData.of(DatasetLoader.bundledMnistTest());
        Classifier m = Classifier.create(ModelPreset.PAPER_CNN, 1e-3, 3);
        MultiLayerNetwork view = m.attackView(FgsmVariant.PAPER);
        int total = 2000;
        for (int rep = 0; rep < 2; rep++) {
            for (int bs : new int[]{1000, 250, 100}) {
                long f = 0, g = 0;
                for (int from = 0; from < total; from += bs) {
                    INDArray x = t.images(from, from + bs);
                    INDArray y = t.labels(from, from + bs);
                    long t0 = System.nanoTime();
                    NativeBackend.onAllCores(() -> view.output(x, false));
                    long t1 = System.nanoTime();
                    NativeBackend.onAllCores(() -> view.calculateGradients(x, y, null, null).getSecond());
                    long t2 = System.nanoTime();
                    f += t1 - t0;
                    g += t2 - t1;
                }
                System.out.printf("batch %4d: forward %.2f ms/img, gradient %.2f ms/img%n", bs, f / 1e6 / total, g / 1e6 / total);
            }
        }
    }
}
