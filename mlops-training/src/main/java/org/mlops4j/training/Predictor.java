package org.mlops4j.training;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A fitted learner over encoded feature vectors: class probabilities (into {@code out}, one per
 * class) or a real value ({@code out[0]}). Implementations are immutable after construction.
 */
interface Predictor extends Serializable {
    void predict(double[] x, double[] out);

    /**
     * Predicts every row of {@code x} into {@code out}, {@code width} values a row (row {@code r} at
     * {@code r * width}), each row's values equal to {@link #predict(double[], double[])}'s. {@code out}
     * is zero on entry.
     */
    default void predictAll(double[][] x, double[] out, int width) {
        double[] p = new double[width];
        for (int r = 0; r < x.length; r++) {
            Arrays.fill(p, 0.0);
            predict(x[r], p);
            System.arraycopy(p, 0, out, r * width, width);
        }
    }
}
