package org.unlearnlab.engine.unlearning;

import java.util.Map;

/**
 * An unlearning method that approximates retraining and therefore has to say how it was set up and what it did:
 * a result is only comparable with the gold model's when its every hyper-parameter and its wall time are known.
 */
public interface ApproximateForgetting extends UnlearningMethod {

    /** Every hyper-parameter, by its config name, in config order. */
    Map<String, Object> settings();

    /**
     * What the last {@link #forget} call did, with its wall time as {@code seconds}; empty before the first call.
     * Figures only: whether the model collapsed is judged on its predictions by the caller.
     */
    Map<String, Object> lastResult();

    /** A settings record's fields by name, in declaration order (which is config order), then the seed. */
    static Map<String, Object> settingsOf(Record settings, long seed) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent c : settings.getClass().getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(settings));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("settings record " + settings.getClass().getSimpleName(), e);
            }
        }
        m.put("seed", seed);
        return m;
    }
}
