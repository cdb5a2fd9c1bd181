package org.mlops4j.training;

import smile.classification.LogisticRegression;

/** The predictor over Smile's logistic regression, and the plain linear one (trees: {@link CompiledTrees}). */
final class SmilePredictors {
    private SmilePredictors() {}

    /** Smile's logistic regression on the dummy-encoded vector. */
    static final class Logistic implements Predictor {
        private static final long serialVersionUID = 1L;
        private final LogisticRegression model;

        Logistic(LogisticRegression model) {
            this.model = model;
        }

        @Override
        public void predict(double[] x, double[] out) {
            model.predict(x, out);
        }
    }

    /** {@code intercept + w . x}, summed in feature order. */
    static final class Linear implements Predictor {
        private static final long serialVersionUID = 1L;
        private final double intercept;
        private final double[] weights;

        Linear(double intercept, double[] weights) {
            this.intercept = intercept;
            this.weights = weights.clone();
        }

        @Override
        public void predict(double[] x, double[] out) {
            double s = intercept;
            for (int j = 0; j < weights.length; j++) {
                s += weights[j] * x[j];
            }
            out[0] = s;
        }

        double intercept() {
            return intercept;
        }

        double[] weights() {
            return weights.clone();
        }
    }
}
