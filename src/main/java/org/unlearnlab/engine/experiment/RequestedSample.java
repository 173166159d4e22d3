package org.unlearnlab.engine.experiment;

/**
 * One image a forget request names, before the {@link RequestGuard} has checked it.
 *
 * @param source where {@code index} points: the training set, or the test set (an image the model never saw,
 *               unless the training set holds the same pixels and label)
 * @param score  what the adversary scored it (a worst-case request's logit margin or influence), else NaN
 */
public record RequestedSample(Source source, int index, double score) {

    public enum Source {
        TRAIN("train"),
        TEST("test");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public static RequestedSample train(int index) {
        return new RequestedSample(Source.TRAIN, index, Double.NaN);
    }

    public static RequestedSample test(int index) {
        return new RequestedSample(Source.TEST, index, Double.NaN);
    }

    /** "training image 12" or "test image 7". */
    public String describe() {
        return (source == Source.TEST ? "test image " : "training image ") + index;
    }
}
