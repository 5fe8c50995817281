package io.kongsimulator;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Picks from a fixed list with probabilities proportional to weights (binary search over the running sum). */
final class WeightedChoice<T> {

    private final List<T> items;
    private final double[] cumulative;

    WeightedChoice(List<T> items, ToDoubleFunction<T> weight) {
        this.items = List.copyOf(items);
        this.cumulative = new double[this.items.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            double w = weight.applyAsDouble(this.items.get(i));
            if (!(w >= 0)) {
                throw new IllegalArgumentException("weights must not be negative, got " + w);
            }
            sum += w;
            cumulative[i] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("nothing to choose from: the weights add up to " + sum);
        }
    }

    T pick(SplittableRandom random) {
        double draw = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > draw) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return items.get(low);
    }
}
