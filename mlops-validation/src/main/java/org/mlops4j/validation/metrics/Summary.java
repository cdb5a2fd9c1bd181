package org.mlops4j.validation.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.mlops4j.internal.Checks;
import org.mlops4j.model.Task;

/**
 * The shared work behind every metric of one input over one set of rows, computed lazily and at
 * most once: the confusion counts (one pass), the probability statistics (one pass: log loss,
 * Brier, calibration bins), one ranking per class (one sort: ROC AUC and average precision), and
 * the regression sums (two passes and one sort for the median). Computing many metrics through one
 * {@code Summary} is the fused evaluation of {@link Evaluation}.
 *
 * <p>The rows are all rows in order, or an index array (a bootstrap resample may repeat rows) that
 * is read, never copied. Not thread-safe: one per computation.
 */
final class Summary {
    /** scikit-learn's clipping constant for log loss: {@code np.finfo(np.float64).eps}. */
    static final double EPS = Math.ulp(1.0);

    final MetricInput input;
    private final int[] rows;
    final int n;

    private Counts counts;
    /** Probability statistics by number of calibration bins (log loss and Brier do not depend on it). */
    private final Map<Integer, ProbabilityStats> probabilityStats = new HashMap<>(2);
    private Ranking[] rankings;
    private RegressionStats regression;

    Summary(MetricInput input, int[] rows) {
        this.input = Checks.checkNotNull(input, "input");
        int size = input.size();
        if (rows != null) {
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                if (r < 0 || r >= size) {
                    throw notARow(i, r, size);
                }
            }
        }
        this.rows = rows;
        this.n = rows == null ? size : rows.length;
    }

    /**
     * Accuracy on {@code rows} (at least one), equal to {@code counts().correct / n} (the same
     * count, the same division) without building the confusion matrix.
     */
    static double accuracy(MetricInput input, int[] rows) {
        int size = input.size();
        long correct = 0;
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r < 0 || r >= size) {
                throw notARow(i, r, size);
            }
            correct += input.hit(r);
        }
        return (double) correct / rows.length;
    }

    private static IndexOutOfBoundsException notARow(int i, int r, int size) {
        return new IndexOutOfBoundsException(String.format(Locale.ROOT,
                "rows[%d] = %d is not a row index of an input of %d rows", i, r, size));
    }

    int row(int i) {
        return rows == null ? i : rows[i];
    }

    boolean isClassification() {
        return input.task() == Task.CLASSIFICATION;
    }

    /** Confusion counts over {@link MetricInput#classes()}. */
    Counts counts() {
        if (counts == null) {
            int k = input.classes().size();
            long[] cm = new long[k * k];
            for (int i = 0; i < n; i++) {
                int r = row(i);
                cm[input.truth(r) * k + input.predicted(r)]++;
            }
            counts = new Counts(k, n, cm);
        }
        return counts;
    }

    /** The first row (in view order) whose true label the model does not know, or -1. */
    int firstUnknownTruthRow() {
        Counts c = counts();
        int k = input.modelClassCount();
        boolean any = false;
        for (int t = k; t < c.k; t++) {
            any |= c.trueCount[t] > 0;
        }
        if (!any) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (input.truth(row(i)) >= k) {
                return row(i);
            }
        }
        return -1;
    }

    /** Log loss, Brier and calibration sums in one pass; requires probabilities and known truth labels. */
    ProbabilityStats probabilityStats(int bins) {
        return probabilityStats.computeIfAbsent(bins, b -> ProbabilityStats.compute(this, b));
    }

    /** The probability statistics at any number of bins already computed, else at the default. */
    ProbabilityStats anyProbabilityStats() {
        return probabilityStats.isEmpty() ? probabilityStats(Metric.DEFAULT_BINS)
                : probabilityStats.values().iterator().next();
    }

    /** One-vs-rest ranking of class {@code cls}'s probability; requires probabilities and known labels. */
    Ranking ranking(int cls) {
        if (rankings == null) {
            rankings = new Ranking[input.modelClassCount()];
        }
        if (rankings[cls] == null) {
            int k = input.modelClassCount();
            double[] p = input.probabilities();
            long positives = counts().trueCount[cls];
            int n1 = (int) positives;
            double[] buf = new double[n];
            int pos = 0;
            int neg = n1;
            for (int i = 0; i < n; i++) {
                int r = row(i);
                double s = p[r * k + cls];
                if (input.truth(r) == cls) {
                    buf[pos++] = s;
                } else {
                    buf[neg++] = s;
                }
            }
            rankings[cls] = Ranking.of(buf, n1);
        }
        return rankings[cls];
    }

    RegressionStats regression() {
        if (regression == null) {
            regression = RegressionStats.compute(this);
        }
        return regression;
    }

    /** Confusion counts: {@code cm[t * k + p]} rows with true class t predicted as p. */
    static final class Counts {
        final int k;
        final long n;
        final long[] cm;
        final long[] trueCount;
        final long[] predictedCount;
        final long correct;

        Counts(int k, long n, long[] cm) {
            this.k = k;
            this.n = n;
            this.cm = cm;
            this.trueCount = new long[k];
            this.predictedCount = new long[k];
            long diag = 0;
            for (int t = 0; t < k; t++) {
                for (int p = 0; p < k; p++) {
                    long c = cm[t * k + p];
                    trueCount[t] += c;
                    predictedCount[p] += c;
                }
                diag += cm[t * k + t];
            }
            this.correct = diag;
        }

        long tp(int c) {
            return cm[c * k + c];
        }

        /** A class is present when it is a true or a predicted label of some row (scikit-learn's labels=None). */
        boolean present(int c) {
            return trueCount[c] > 0 || predictedCount[c] > 0;
        }
    }

    /** Sums over rows of the per-row probabilistic losses and the calibration bins. */
    static final class ProbabilityStats {
        final double logLossSum;
        final double brierSum;
        final long[] binCount;
        final long[] binCorrect;
        final double[] binConfidence;

        private ProbabilityStats(double logLossSum, double brierSum, long[] binCount, long[] binCorrect,
                double[] binConfidence) {
            this.logLossSum = logLossSum;
            this.brierSum = brierSum;
            this.binCount = binCount;
            this.binCorrect = binCorrect;
            this.binConfidence = binConfidence;
        }

        static ProbabilityStats compute(Summary s, int bins) {
            MetricInput in = s.input;
            int k = in.modelClassCount();
            double[] p = in.probabilities();
            Sum logLoss = new Sum();
            Sum brier = new Sum();
            long[] count = new long[bins];
            long[] correct = new long[bins];
            Sum[] confidence = new Sum[bins];
            for (int b = 0; b < bins; b++) {
                confidence[b] = new Sum();
            }
            for (int i = 0; i < s.n; i++) {
                int r = s.row(i);
                int t = in.truth(r);
                int base = r * k;
                double pt = Math.min(Math.max(p[base + t], EPS), 1 - EPS);
                logLoss.add(-Math.log(pt));
                if (k == 2) {
                    double d = p[base + 1] - (t == 1 ? 1.0 : 0.0);
                    brier.add(d * d);
                } else {
                    double sq = 0;
                    for (int c = 0; c < k; c++) {
                        double d = p[base + c] - (t == c ? 1.0 : 0.0);
                        sq += d * d;
                    }
                    brier.add(sq);
                }
                int label = in.predicted(r);
                double conf = p[base + label];
                int b = binOf(conf, bins);
                count[b]++;
                if (label == t) {
                    correct[b]++;
                }
                confidence[b].add(conf);
            }
            double[] conf = new double[bins];
            for (int b = 0; b < bins; b++) {
                conf[b] = confidence[b].value();
            }
            return new ProbabilityStats(logLoss.value(), brier.value(), count, correct, conf);
        }

        /** Bin m (0-based) holds confidences c with m < bins * c <= m + 1; c = 0 goes to bin 0. */
        static int binOf(double confidence, int bins) {
            int b = (int) Math.ceil(bins * confidence) - 1;
            return Math.max(0, Math.min(bins - 1, b));
        }

        double expectedCalibrationError(long n) {
            Sum gap = new Sum();
            for (int b = 0; b < binCount.length; b++) {
                if (binCount[b] > 0) {
                    gap.add(Math.abs(binCorrect[b] - binConfidence[b]));
                }
            }
            return gap.value() / n;
        }
    }

    /**
     * ROC AUC and average precision of one score against one positive class, from the positives'
     * and negatives' scores each sorted once and walked together from the highest threshold down.
     */
    static final class Ranking {
        final long positives;
        final long negatives;
        /** AUC as the Mann-Whitney statistic: pairs won plus half the tied pairs, over all pairs. */
        final double auc;
        /** scikit-learn's step-wise AP: the sum over distinct thresholds of (R_n - R_{n-1}) P_n. */
        final double averagePrecision;

        private Ranking(long positives, long negatives, double auc, double averagePrecision) {
            this.positives = positives;
            this.negatives = negatives;
            this.auc = auc;
            this.averagePrecision = averagePrecision;
        }

        /** {@code buf[0, n1)} holds the positives' scores, the rest the negatives'; sorted in place. */
        static Ranking of(double[] buf, int n1) {
            int n = buf.length;
            Arrays.sort(buf, 0, n1);
            Arrays.sort(buf, n1, n);
            int i = n1 - 1;
            int j = n - 1;
            long tp = 0;
            long fp = 0;
            long twiceWon = 0;
            Sum ap = new Sum();
            while (i >= 0 || j >= n1) {
                double t;
                if (i < 0) {
                    t = buf[j];
                } else if (j < n1) {
                    t = buf[i];
                } else {
                    t = Math.max(buf[i], buf[j]);
                }
                long a = 0;
                while (i >= 0 && buf[i] == t) {
                    a++;
                    i--;
                }
                long b = 0;
                while (j >= n1 && buf[j] == t) {
                    b++;
                    j--;
                }
                long below = j - n1 + 1;
                twiceWon += a * (2 * below + b);
                tp += a;
                fp += b;
                if (a > 0) {
                    ap.add((double) a / n1 * ((double) tp / (tp + fp)));
                }
            }
            long n0 = n - n1;
            double auc = n1 > 0 && n0 > 0 ? twiceWon / (2.0 * n1 * n0) : Double.NaN;
            double apv = n1 > 0 ? ap.value() : Double.NaN;
            return new Ranking(n1, n0, auc, apv);
        }
    }

    /** Regression sums: errors e = y - prediction. */
    static final class RegressionStats {
        /** The first row (view order) whose prediction is not finite, or -1. */
        final int badRow;
        final double badValue;
        final double absErrorSum;
        final double squaredErrorSum;
        final double relativeErrorSum;
        final double meanActual;
        final double totalSumOfSquares;
        final double errorDeviationSum;
        final double medianAbsoluteError;
        final double firstActual;
        /** Whether every true value equals the first (exactly). */
        final boolean constantActual;

        private RegressionStats(int badRow, double badValue, double absErrorSum, double squaredErrorSum,
                double relativeErrorSum, double meanActual, double totalSumOfSquares, double errorDeviationSum,
                double medianAbsoluteError, double firstActual, boolean constantActual) {
            this.badRow = badRow;
            this.badValue = badValue;
            this.absErrorSum = absErrorSum;
            this.squaredErrorSum = squaredErrorSum;
            this.relativeErrorSum = relativeErrorSum;
            this.meanActual = meanActual;
            this.totalSumOfSquares = totalSumOfSquares;
            this.errorDeviationSum = errorDeviationSum;
            this.medianAbsoluteError = medianAbsoluteError;
            this.firstActual = firstActual;
            this.constantActual = constantActual;
        }

        static RegressionStats compute(Summary s) {
            MetricInput in = s.input;
            int n = s.n;
            for (int i = 0; i < n; i++) {
                int r = s.row(i);
                double v = in.value(r);
                if (!Double.isFinite(v)) {
                    return new RegressionStats(r, v, 0, 0, 0, 0, 0, 0, 0, 0, false);
                }
            }
            Sum y = new Sum();
            Sum e = new Sum();
            Sum abs = new Sum();
            Sum sq = new Sum();
            Sum rel = new Sum();
            double[] absErrors = new double[n];
            double first = n > 0 ? in.actual(s.row(0)) : Double.NaN;
            boolean constant = true;
            for (int i = 0; i < n; i++) {
                int r = s.row(i);
                double a = in.actual(r);
                constant &= a == first;
                double err = a - in.value(r);
                double ae = Math.abs(err);
                y.add(a);
                e.add(err);
                abs.add(ae);
                sq.add(err * err);
                rel.add(ae / Math.max(Math.abs(a), EPS));
                absErrors[i] = ae;
            }
            double meanY = n > 0 ? y.value() / n : Double.NaN;
            double meanE = n > 0 ? e.value() / n : Double.NaN;
            Sum tot = new Sum();
            Sum dev = new Sum();
            for (int i = 0; i < n; i++) {
                int r = s.row(i);
                double a = in.actual(r);
                double dy = a - meanY;
                double de = (a - in.value(r)) - meanE;
                tot.add(dy * dy);
                dev.add(de * de);
            }
            double median = Double.NaN;
            if (n > 0) {
                Arrays.sort(absErrors);
                median = n % 2 == 1 ? absErrors[n / 2] : (absErrors[n / 2 - 1] + absErrors[n / 2]) / 2;
            }
            return new RegressionStats(-1, 0, abs.value(), sq.value(), rel.value(), meanY, tot.value(), dev.value(),
                    median, first, constant);
        }
    }
}
