package org.unlearnlab.engine.healing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study's healing table (its Tables 4 and 5): for each fine-tune length, the best and the worst healed test
 * accuracy over the data / strategy / metric choices, the choice that produced each, and best minus gold.
 */
public final class HealingTable {
    private HealingTable() {
    }

    /**
     * @param best          highest test accuracy (the first such model on a tie)
     * @param worst         lowest test accuracy (the first such model on a tie)
     * @param bestMinusGold best.test - the gold model's test accuracy
     */
    public record Extremes(int epochs, HealedModel best, HealedModel worst, double bestMinusGold) {
    }

    /** One {@link Extremes} per fine-tune length, in the order the lengths first appear in {@code models}. */
    public static List<Extremes> extremes(List<HealedModel> models, double goldTest) {
        Map<Integer, List<HealedModel>> byEpochs = new LinkedHashMap<>();
        for (HealedModel m : models) {
            byEpochs.computeIfAbsent(m.epochs(), e -> new ArrayList<>()).add(m);
        }
        List<Extremes> out = new ArrayList<>();
        byEpochs.forEach((epochs, list) -> {
            HealedModel best = list.get(0);
            HealedModel worst = list.get(0);
            for (HealedModel m : list) {
                if (m.test() > best.test()) {
                    best = m;
                }
                if (m.test() < worst.test()) {
                    worst = m;
                }
            }
            out.add(new Extremes(epochs, best, worst, best.test() - goldTest));
        });
        return out;
    }
}
