package org.mlops4j.validation.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.mlops4j.internal.Checks;
import org.mlops4j.model.Task;

/**
 * A model-quality metric: a typed key that knows how to compute itself, whether higher is better,
 * and its range. The constants cover classification ({@link #ACCURACY}, {@link #MACRO_F1}, ...),
 * probabilistic ({@link #ROC_AUC}, {@link #LOG_LOSS}, ...) and regression ({@link #R2}, ...)
 * metrics; per-class forms are built with {@link #precision(String)}, {@link #recall(String)},
 * {@link #f1(String)}, {@link #rocAuc(String)} and {@link #averagePrecision(String)}, and the
 * calibration error with a chosen number of bins with {@link #expectedCalibrationError(int)}.
 *
 * <p>Definitions follow scikit-learn's documentation; every formula, edge case and the policies
 * where mlops4j differs (an undefined value is NaN with a reason, never a silent 0) are in
 * docs/metrics.md. A metric that cannot be computed on an input returns a {@link MetricValue} that
 * is NaN and says why; it does not throw.
 *
 * <p>The string form ({@link #name()}, {@link #parse(String)}) exists for JSON and the command
 * line only: {@code accuracy}, {@code macro_f1}, {@code recall[snow]},
 * {@code expected_calibration_error[bins=15]}.
 *
 * <p>Guarantees: immutable and value-based ({@code equals} by definition and parameter); safe to
 * share between threads. Computations share nothing between calls.
 */
public final class Metric {
    /** The default number of equal-width bins of {@link #EXPECTED_CALIBRATION_ERROR}. */
    public static final int DEFAULT_BINS = 10;

    /** Fraction of rows whose predicted label is the true one. Higher is better, in [0, 1]. */
    public static final Metric ACCURACY = new Metric(Definition.ACCURACY, null, 0);
    /** Mean recall over the classes present in the truth. Higher is better, in [0, 1]. */
    public static final Metric BALANCED_ACCURACY = new Metric(Definition.BALANCED_ACCURACY, null, 0);
    /** Binary precision of the positive class (the model's second class). Higher is better, in [0, 1]. */
    public static final Metric PRECISION = new Metric(Definition.PRECISION, null, 0);
    /** Binary recall of the positive class (the model's second class). Higher is better, in [0, 1]. */
    public static final Metric RECALL = new Metric(Definition.RECALL, null, 0);
    /** Binary F1 of the positive class (the model's second class). Higher is better, in [0, 1]. */
    public static final Metric F1 = new Metric(Definition.F1, null, 0);
    /** Unweighted mean of per-class precision over the present labels. Higher is better, in [0, 1]. */
    public static final Metric MACRO_PRECISION = new Metric(Definition.MACRO_PRECISION, null, 0);
    /** Unweighted mean of per-class recall over the present labels. Higher is better, in [0, 1]. */
    public static final Metric MACRO_RECALL = new Metric(Definition.MACRO_RECALL, null, 0);
    /** Unweighted mean of per-class F1 over the present labels. Higher is better, in [0, 1]. */
    public static final Metric MACRO_F1 = new Metric(Definition.MACRO_F1, null, 0);
    /** Precision from counts summed over classes (equals accuracy). Higher is better, in [0, 1]. */
    public static final Metric MICRO_PRECISION = new Metric(Definition.MICRO_PRECISION, null, 0);
    /** Recall from counts summed over classes (equals accuracy). Higher is better, in [0, 1]. */
    public static final Metric MICRO_RECALL = new Metric(Definition.MICRO_RECALL, null, 0);
    /** F1 from counts summed over classes (equals accuracy). Higher is better, in [0, 1]. */
    public static final Metric MICRO_F1 = new Metric(Definition.MICRO_F1, null, 0);
    /** Per-class precision averaged with the classes' true counts as weights. Higher is better, in [0, 1]. */
    public static final Metric WEIGHTED_PRECISION = new Metric(Definition.WEIGHTED_PRECISION, null, 0);
    /** Per-class recall averaged with the classes' true counts as weights. Higher is better, in [0, 1]. */
    public static final Metric WEIGHTED_RECALL = new Metric(Definition.WEIGHTED_RECALL, null, 0);
    /** Per-class F1 averaged with the classes' true counts as weights. Higher is better, in [0, 1]. */
    public static final Metric WEIGHTED_F1 = new Metric(Definition.WEIGHTED_F1, null, 0);
    /** Cohen's kappa of the predictions against the truth. Higher is better, in [-1, 1]. */
    public static final Metric COHEN_KAPPA = new Metric(Definition.COHEN_KAPPA, null, 0);
    /** Matthews correlation coefficient, multiclass form. Higher is better, in [-1, 1]. */
    public static final Metric MATTHEWS_CORRELATION = new Metric(Definition.MATTHEWS_CORRELATION, null, 0);
    /** Binary ROC AUC of the second class's probability. Higher is better, in [0, 1]. */
    public static final Metric ROC_AUC = new Metric(Definition.ROC_AUC, null, 0);
    /** Unweighted mean of the one-vs-rest ROC AUC of every model class. Higher is better, in [0, 1]. */
    public static final Metric ROC_AUC_OVR_MACRO = new Metric(Definition.ROC_AUC_OVR_MACRO, null, 0);
    /** Prevalence-weighted mean of the one-vs-rest ROC AUCs. Higher is better, in [0, 1]. */
    public static final Metric ROC_AUC_OVR_WEIGHTED = new Metric(Definition.ROC_AUC_OVR_WEIGHTED, null, 0);
    /** Binary average precision (step-wise) of the second class. Higher is better, in [0, 1]. */
    public static final Metric AVERAGE_PRECISION = new Metric(Definition.AVERAGE_PRECISION, null, 0);
    /** Mean negative log-probability of the true class (clipped to [2^-52, 1 - 2^-52]). Lower is better, in [0, 52 ln 2 = 36.04]. */
    public static final Metric LOG_LOSS = new Metric(Definition.LOG_LOSS, null, 0);
    /**
     * Brier score: mean squared distance of the probabilities from the one-hot truth. Lower is
     * better; in [0, 1] for two classes (positive class only), in [0, 2] for more.
     */
    public static final Metric BRIER_SCORE = new Metric(Definition.BRIER_SCORE, null, 0);
    /** Top-label expected calibration error with {@value #DEFAULT_BINS} equal-width bins. Lower is better, in [0, 1]. */
    public static final Metric EXPECTED_CALIBRATION_ERROR =
            new Metric(Definition.EXPECTED_CALIBRATION_ERROR, null, DEFAULT_BINS);
    /** Mean absolute error. Lower is better, in [0, +inf). */
    public static final Metric MAE = new Metric(Definition.MAE, null, 0);
    /** Root mean squared error. Lower is better, in [0, +inf). */
    public static final Metric RMSE = new Metric(Definition.RMSE, null, 0);
    /** Coefficient of determination. Higher is better, in (-inf, 1]. */
    public static final Metric R2 = new Metric(Definition.R2, null, 0);
    /** Mean absolute percentage error, as a fraction (not times 100). Lower is better, in [0, +inf). */
    public static final Metric MAPE = new Metric(Definition.MAPE, null, 0);
    /** Median absolute error. Lower is better, in [0, +inf). */
    public static final Metric MEDIAN_ABSOLUTE_ERROR = new Metric(Definition.MEDIAN_ABSOLUTE_ERROR, null, 0);
    /** Explained variance score. Higher is better, in (-inf, 1]. */
    public static final Metric EXPLAINED_VARIANCE = new Metric(Definition.EXPLAINED_VARIANCE, null, 0);

    private static final List<Metric> CONSTANTS = List.of(ACCURACY, BALANCED_ACCURACY, PRECISION, RECALL, F1,
            MACRO_PRECISION, MACRO_RECALL, MACRO_F1, MICRO_PRECISION, MICRO_RECALL, MICRO_F1, WEIGHTED_PRECISION,
            WEIGHTED_RECALL, WEIGHTED_F1, COHEN_KAPPA, MATTHEWS_CORRELATION, ROC_AUC, ROC_AUC_OVR_MACRO,
            ROC_AUC_OVR_WEIGHTED, AVERAGE_PRECISION, LOG_LOSS, BRIER_SCORE, EXPECTED_CALIBRATION_ERROR, MAE, RMSE, R2,
            MAPE, MEDIAN_ABSOLUTE_ERROR, EXPLAINED_VARIANCE);

    private final Definition definition;
    private final String className;
    private final int bins;

    private Metric(Definition definition, String className, int bins) {
        this.definition = definition;
        this.className = className;
        this.bins = bins;
    }

    /** Precision of one class ({@code TP / (TP + FP)}); undefined when nothing is predicted as it. */
    public static Metric precision(String className) {
        return perClass(Definition.CLASS_PRECISION, className);
    }

    /** Recall of one class ({@code TP / (TP + FN)}); undefined when no row is truly of it. */
    public static Metric recall(String className) {
        return perClass(Definition.CLASS_RECALL, className);
    }

    /** F1 of one class ({@code 2 TP / (2 TP + FP + FN)}). */
    public static Metric f1(String className) {
        return perClass(Definition.CLASS_F1, className);
    }

    /** One-vs-rest ROC AUC of one model class's probability (binary or multiclass). */
    public static Metric rocAuc(String className) {
        return perClass(Definition.CLASS_ROC_AUC, className);
    }

    /** Average precision of one model class's probability, that class being the positive one. */
    public static Metric averagePrecision(String className) {
        return perClass(Definition.CLASS_AVERAGE_PRECISION, className);
    }

    /**
     * Top-label expected calibration error with {@code bins} equal-width confidence bins.
     *
     * @throws IllegalArgumentException unless 1 <= bins <= 10,000
     */
    public static Metric expectedCalibrationError(int bins) {
        Checks.checkArgument(bins >= 1 && bins <= 10_000, "bins must be in [1, 10000] but was %d", bins);
        return bins == DEFAULT_BINS ? EXPECTED_CALIBRATION_ERROR
                : new Metric(Definition.EXPECTED_CALIBRATION_ERROR, null, bins);
    }

    private static Metric perClass(Definition d, String className) {
        Checks.checkNotNull(className, "className");
        return new Metric(d, className, 0);
    }

    /** Every parameterless metric (the constants, with the calibration error at its default bins), in a fixed order. */
    public static List<Metric> values() {
        return CONSTANTS;
    }

    /**
     * The metric named by a string form: a constant's {@link #name()} such as {@code macro_f1}, a
     * per-class form such as {@code recall[snow]}, or {@code expected_calibration_error[bins=15]}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Metric parse(String text) {
        Checks.checkNotNull(text, "metric name");
        String s = text.trim();
        int open = s.indexOf('[');
        if (open < 0) {
            for (Metric m : CONSTANTS) {
                if (m.name().equals(s)) {
                    return m;
                }
            }
            throw unknown(text);
        }
        if (!s.endsWith("]")) {
            throw unknown(text);
        }
        String base = s.substring(0, open);
        String arg = s.substring(open + 1, s.length() - 1);
        for (Definition d : Definition.values()) {
            if (!d.key.equals(base) || d.parameter == Definition.Parameter.NONE) {
                continue;
            }
            if (d.parameter == Definition.Parameter.CLASS) {
                Checks.checkArgument(!arg.isEmpty(), "metric %s names no class; write %s[<class>]",
                        Checks.quote(text), base);
                return new Metric(d, arg, 0);
            }
            if (!arg.startsWith("bins=")) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "metric %s: the parameter of %s is bins=<M>, for example %s[bins=15]", Checks.quote(text),
                        base, base));
            }
            int m;
            try {
                m = Integer.parseInt(arg.substring(5).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "metric %s: bins must be a whole number, for example %s[bins=15]", Checks.quote(text), base), e);
            }
            return expectedCalibrationError(m);
        }
        throw unknown(text);
    }

    private static IllegalArgumentException unknown(String text) {
        StringJoiner names = new StringJoiner(", ");
        for (Metric m : CONSTANTS) {
            names.add(m.name());
        }
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "unknown metric %s; valid names are %s, and the per-class forms precision[<class>], recall[<class>], "
                        + "f1[<class>], roc_auc[<class>], average_precision[<class>], and "
                        + "expected_calibration_error[bins=<M>]", Checks.quote(text), names));
    }

    /** The string form, for JSON and the command line. */
    public String name() {
        if (definition.parameter == Definition.Parameter.CLASS) {
            return definition.key + "[" + className + "]";
        }
        if (definition.parameter == Definition.Parameter.BINS && bins != DEFAULT_BINS) {
            return definition.key + "[bins=" + bins + "]";
        }
        return definition.key;
    }

    /** Whether a larger value is a better model. */
    public boolean higherIsBetter() {
        return definition.higherIsBetter;
    }

    /** The smallest value the metric can take (possibly negative infinity). */
    public double lowerBound() {
        return definition.lowerBound;
    }

    /** The largest value the metric can take (possibly positive infinity). */
    public double upperBound() {
        return definition.upperBound;
    }

    /** Whether the metric reads class probabilities (ROC AUC, average precision, log loss, Brier, ECE). */
    public boolean needsProbabilities() {
        return definition.needs == Definition.Needs.PROBABILITIES;
    }

    /** Whether the metric is a regression metric (else a classification one). */
    public boolean isRegression() {
        return definition.needs == Definition.Needs.VALUES;
    }

    /** The class of a per-class metric, or empty. */
    public Optional<String> classOf() {
        return Optional.ofNullable(className);
    }

    /** The number of bins of the calibration error, or 0 for other metrics. */
    public int bins() {
        return bins;
    }

    String className() {
        return className;
    }

    Definition definition() {
        return definition;
    }

    /** The metric on every row of the input, with the reason when it is undefined. */
    public MetricValue compute(MetricInput input) {
        return compute(input, null);
    }

    /**
     * The metric on the given rows of the input (indices may repeat, as in a bootstrap resample;
     * {@code null} means all rows), with the reason when it is undefined. The rows are read, not copied.
     *
     * @throws IndexOutOfBoundsException if a row index is outside the input
     */
    public MetricValue compute(MetricInput input, int[] rows) {
        Summary s = new Summary(input, rows);
        Why why = new Why();
        return result(definition.apply(s, this, why), why);
    }

    /** The value as a result; a NaN that no rule explained comes from overflowing arithmetic. */
    MetricValue result(double v, Why why) {
        if (!Double.isNaN(v)) {
            return MetricValue.of(this, v);
        }
        String reason = why.reason();
        return MetricValue.undefined(this, reason != null ? reason : name() + " is undefined: the arithmetic "
                + "overflowed (intermediate values beyond the range of a double); rescale the values");
    }

    /**
     * The metric's value on the given rows ({@code null} for all), NaN when undefined. The fast path
     * for resampling: no reason is formatted and no result object is built.
     */
    public double value(MetricInput input, int[] rows) {
        if (definition == Definition.ACCURACY && rows != null && rows.length > 0
                && input.task() == Task.CLASSIFICATION) {
            return Summary.accuracy(input, rows);     // the bootstrap's common case, without the confusion matrix
        }
        return definition.apply(new Summary(input, rows), this, null);
    }

    double valueIn(Summary s, Why why) {
        return definition.apply(s, this, why);
    }

    /** Every metric that applies to an input: the constants of its task plus the per-class forms of its classes. */
    public static List<Metric> applicableTo(MetricInput input) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : CONSTANTS) {
            if (m.isRegression() == (input.task() == Task.REGRESSION)
                    && (!m.needsProbabilities() || input.hasProbabilities())) {
                out.add(m);
            }
        }
        if (input.task() == Task.CLASSIFICATION) {
            for (String c : input.classes()) {
                out.add(precision(c));
                out.add(recall(c));
                out.add(f1(c));
            }
            if (input.hasProbabilities()) {
                for (String c : input.modelClasses()) {
                    out.add(rocAuc(c));
                    out.add(averagePrecision(c));
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Metric)) {
            return false;
        }
        Metric m = (Metric) o;
        return definition == m.definition && bins == m.bins && Objects.equals(className, m.className);
    }

    @Override
    public int hashCode() {
        return Objects.hash(definition, className, bins);
    }

    @Override
    public String toString() {
        return name();
    }
}
