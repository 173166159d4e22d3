package org.unlearnlab.engine.metrics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.Random;

/**
 * Where an unlearning loop stands after a finished step, as much as a later process needs to continue it and end
 * with the figures an uninterrupted run would have: the step, and the state of every random stream that advances
 * across steps. The removed samples and the metrics rows are recorded elsewhere (the run folder).
 *
 * @param iteration      the last finished iteration: -1 when the model is trained but iteration 0 (its evaluation)
 *                       has not finished, 0 after that evaluation, then 1, 2, ...
 * @param shuffleRandom  the retraining's shuffle stream ({@link #encode})
 * @param selectorRandom the sample selector's stream (pool or random removal), or null for selectors without one
 * @param nd4jRootState  ND4J's random generator of the loop's thread (dropout masks): its root state
 * @param nd4jNodeState  and its node state; together they are the whole state of libnd4j's generator
 */
public record LoopState(int iteration, String shuffleRandom, String selectorRandom, long nd4jRootState,
                        long nd4jNodeState) {

    /** A java.util.Random's exact state (seed and any cached Gaussian) as Base64 of its serialized form. */
    public static String encode(Random random) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(random);
        } catch (IOException e) {
            throw new IllegalStateException("java.util.Random did not serialize", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * The Random that {@link #encode} saved, continuing where it stopped.
     *
     * @throws IOException when {@code encoded} is not a saved java.util.Random (nothing else is deserialized)
     */
    public static Random decode(String encoded) throws IOException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a saved random state (" + e.getMessage() + ")", e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            // The resume state is a file anyone could have edited: deserialize a Random and nothing else.
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.util.Random;!*"));
            Object o = in.readObject();
            if (!(o instanceof Random r) || o.getClass() != Random.class) {
                throw new IOException("not a saved random state");
            }
            return r;
        } catch (ClassNotFoundException | RuntimeException e) {
            throw new IOException("not a saved random state (" + e + ")", e);
        }
    }
}
