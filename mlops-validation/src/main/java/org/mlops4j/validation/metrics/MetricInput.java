package org.mlops4j.validation.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mlops4j.data.Column;
import org.mlops4j.internal.Checks;
import org.mlops4j.model.Predictions;
import org.mlops4j.model.Task;

/**
 * What a metric is computed from: a model's {@link Predictions} and the true labels or values of the
 * same rows, in the same order.
 *
 * <p><b>Classes.</b> {@link #classes()} is the model's class list in the model's order, followed by
 * any true labels the model does not know, in {@link String#compareTo} order. That order is the
 * order of the {@link ConfusionMatrix}; it does not depend on the order of the rows.
 *
 * <p><b>Checks.</b> The truth must have as many rows as the predictions, no missing or null label
 * and no non-finite true value (broken ground truth is bad input and throws). A model's non-finite
 * regression output is not bad input: the metrics of such predictions are undefined (NaN with a
 * reason), so a gate fails closed instead of crashing.
 *
 * <p>Sample weights are not supported (every row counts once); scikit-learn's metrics take an
 * optional {@code sample_weight}.
 *
 * <p>Guarantees: immutable (every array is copied in), safe to share between threads.
 */
public final class MetricInput {
    private final Task task;
    private final List<String> classes;
    private final int modelClassCount;
    private final int[] truth;
    private final int[] predicted;
    private final double[] probabilities;
    private final double[] actual;
    private final double[] values;
    /** Per row, 1 when the predicted label is the true one (classification), else null: accuracy on resamples. */
    private final byte[] hits;

    private MetricInput(Task task, List<String> classes, int modelClassCount, int[] truth, int[] predicted,
            double[] probabilities, double[] actual, double[] values) {
        this.task = task;
        this.classes = classes;
        this.modelClassCount = modelClassCount;
        this.truth = truth;
        this.predicted = predicted;
        if (predicted == null) {
            this.hits = null;
        } else {
            this.hits = new byte[truth.length];
            for (int r = 0; r < truth.length; r++) {
                hits[r] = (byte) (truth[r] == predicted[r] ? 1 : 0);
            }
        }
        this.probabilities = probabilities;
        this.actual = actual;
        this.values = values;
    }

    /**
     * Classification input: the true label of each row and the model's predictions of those rows.
     *
     * @throws IllegalArgumentException if the sizes differ, a label is null, or the predictions are
     *     regression values
     */
    public static MetricInput classification(String[] truth, Predictions predictions) {
        Checks.checkNotNull(truth, "truth");
        return classification(Arrays.asList(truth), predictions);
    }

    /** Classification input from a list of true labels; see {@link #classification(String[], Predictions)}. */
    public static MetricInput classification(List<String> truth, Predictions predictions) {
        Checks.checkNotNull(truth, "truth");
        Checks.checkNotNull(predictions, "predictions");
        Checks.checkArgument(predictions.task() == Task.CLASSIFICATION,
                "classification metrics need classification predictions but got %s predictions", predictions.task());
        int n = predictions.size();
        Checks.checkArgument(truth.size() == n, "the truth has %d rows but the predictions have %d", truth.size(), n);
        List<String> model = predictions.classes();
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < model.size(); c++) {
            index.put(model.get(c), c);
        }
        TreeSet<String> unknown = new TreeSet<>();
        for (int r = 0; r < n; r++) {
            String label = truth.get(r);
            Checks.checkArgument(label != null, "the true label at row %d is null; drop or fill missing labels first", r);
            if (!index.containsKey(label)) {
                unknown.add(label);
            }
        }
        List<String> all = new ArrayList<>(model);
        for (String u : unknown) {
            index.put(u, all.size());
            all.add(u);
        }
        int[] t = new int[n];
        for (int r = 0; r < n; r++) {
            t[r] = index.get(truth.get(r));
        }
        int k = model.size();
        int[] p = new int[n];
        for (int r = 0; r < n; r++) {
            p[r] = predictions.labelIndex(r);
        }
        double[] probs = null;
        if (predictions.hasProbabilities()) {
            probs = new double[n * k];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < k; c++) {
                    probs[r * k + c] = predictions.probability(r, c);
                }
            }
        }
        return new MetricInput(Task.CLASSIFICATION, List.copyOf(all), k, t, p, probs, null, null);
    }

    /**
     * Classification input whose true labels are a table column (categorical, text, boolean or
     * integer; each value's {@code String.valueOf} is its label).
     *
     * @throws IllegalArgumentException if a label is missing or the sizes differ
     */
    public static MetricInput classification(Column truth, Predictions predictions) {
        Checks.checkNotNull(truth, "truth");
        String[] labels = new String[truth.size()];
        for (int r = 0; r < labels.length; r++) {
            Checks.checkArgument(!truth.isMissing(r),
                    "the true label in column '%s' is missing at row %d; drop or fill missing labels first", truth.name(), r);
            labels[r] = String.valueOf(truth.get(r));
        }
        return classification(Arrays.asList(labels), predictions);
    }

    /**
     * Regression input: the true value of each row and the model's predicted values.
     *
     * @throws IllegalArgumentException if the sizes differ, a true value is NaN or infinite, or the
     *     predictions are class labels
     */
    public static MetricInput regression(double[] truth, Predictions predictions) {
        Checks.checkNotNull(truth, "truth");
        Checks.checkNotNull(predictions, "predictions");
        Checks.checkArgument(predictions.task() == Task.REGRESSION,
                "regression metrics need regression predictions but got %s predictions", predictions.task());
        int n = predictions.size();
        Checks.checkArgument(truth.length == n, "the truth has %d rows but the predictions have %d", truth.length, n);
        double[] y = truth.clone();
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
            Checks.checkArgument(Double.isFinite(y[r]), "the true value at row %d must be finite but was %s", r, y[r]);
            v[r] = predictions.value(r);
        }
        return new MetricInput(Task.REGRESSION, List.of(), 0, null, null, null, y, v);
    }

    /**
     * Regression input whose true values are a numeric or integer table column.
     *
     * @throws IllegalArgumentException if a value is missing or not finite, or the sizes differ
     */
    public static MetricInput regression(Column truth, Predictions predictions) {
        Checks.checkNotNull(truth, "truth");
        double[] y = new double[truth.size()];
        for (int r = 0; r < y.length; r++) {
            Checks.checkArgument(!truth.isMissing(r),
                    "the true value in column '%s' is missing at row %d; drop or fill missing values first", truth.name(), r);
            y[r] = truth.getAsDouble(r);
        }
        return regression(y, predictions);
    }

    /** What the predictions are. */
    public Task task() {
        return task;
    }

    /** The number of rows. */
    public int size() {
        return task == Task.REGRESSION ? actual.length : truth.length;
    }

    /**
     * The classes: the model's, in its order, then true labels unknown to the model in lexicographic
     * order (empty for regression).
     */
    public List<String> classes() {
        return classes;
    }

    /** The model's classes (the first {@code modelClassCount} of {@link #classes()}). */
    public List<String> modelClasses() {
        return classes.subList(0, modelClassCount);
    }

    /** Whether the predictions carry class probabilities. */
    public boolean hasProbabilities() {
        return probabilities != null;
    }

    /**
     * Whether each row's predicted label is its true label, in row order (a copy): the paired
     * correctness McNemar's test reads.
     *
     * @throws IllegalStateException for a regression input
     */
    public boolean[] correct() {
        Checks.checkState(task == Task.CLASSIFICATION, "a regression input has no predicted labels");
        boolean[] out = new boolean[truth.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = hits[r] == 1;
        }
        return out;
    }

    /**
     * Whether each row's true label is the given class, in row order (a copy): the positive rows
     * of a one-vs-rest ROC curve.
     *
     * @throws IllegalStateException for a regression input
     */
    public boolean[] truthIs(String className) {
        Checks.checkNotNull(className, "className");
        Checks.checkState(task == Task.CLASSIFICATION, "a regression input has no true labels");
        int c = classes.indexOf(className);
        boolean[] out = new boolean[truth.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = truth[r] == c;
        }
        return out;
    }

    /**
     * The model's probability of the given class for each row, in row order (a copy): the scores of
     * a one-vs-rest ROC curve.
     *
     * @throws IllegalStateException if the predictions carry no probabilities
     * @throws IllegalArgumentException if the model has no such class
     */
    public double[] probabilitiesOf(String className) {
        Checks.checkNotNull(className, "className");
        Checks.checkState(probabilities != null, "the predictions carry no class probabilities");
        int c = modelClasses().indexOf(className);
        Checks.checkArgument(c >= 0, "the model has no class %s; its classes are %s", Checks.quote(className),
                modelClasses());
        int k = modelClassCount;
        double[] out = new double[truth.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = probabilities[r * k + c];
        }
        return out;
    }

    // Package-private raw access for the computations; never modified.

    int modelClassCount() {
        return modelClassCount;
    }

    int truth(int row) {
        return truth[row];
    }

    int predicted(int row) {
        return predicted[row];
    }

    /** 1 when row {@code row}'s predicted label is its true label, else 0 (classification only). */
    int hit(int row) {
        return hits[row];
    }

    double[] probabilities() {
        return probabilities;
    }

    double actual(int row) {
        return actual[row];
    }

    double value(int row) {
        return values[row];
    }

    @Override
    public String toString() {
        return task == Task.REGRESSION
                ? "MetricInput[regression, " + size() + " rows]"
                : "MetricInput[classification, " + size() + " rows, classes " + classes
                        + (probabilities != null ? ", with probabilities]" : ", labels only]");
    }
}
