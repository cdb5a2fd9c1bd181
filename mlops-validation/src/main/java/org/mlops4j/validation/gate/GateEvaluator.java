package org.mlops4j.validation.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.mlops4j.data.Column;
import org.mlops4j.data.Table;
import org.mlops4j.internal.Checks;
import org.mlops4j.model.Predictions;
import org.mlops4j.model.Task;
import org.mlops4j.report.Status;
import org.mlops4j.validation.metrics.Metric;
import org.mlops4j.validation.metrics.MetricInput;
import org.mlops4j.validation.metrics.MetricValue;
import org.mlops4j.validation.stats.AdjustedPValues;
import org.mlops4j.validation.stats.BootstrapResult;
import org.mlops4j.validation.stats.DeLong;
import org.mlops4j.validation.stats.DeLongResult;
import org.mlops4j.validation.stats.Decision;
import org.mlops4j.validation.stats.DecisionMode;
import org.mlops4j.validation.stats.DifferenceEstimate;
import org.mlops4j.validation.stats.Direction;
import org.mlops4j.validation.stats.McNemar;
import org.mlops4j.validation.stats.McNemarResult;
import org.mlops4j.validation.stats.PValueAdjustment;
import org.mlops4j.validation.stats.RowMetric;

/** One evaluation of a gate on one holdout: decides every requirement on every slice. Not thread-safe; one per call. */
final class GateEvaluator {
    private final QualityGate gate;
    private final Predictions candidate;
    private final Predictions baselinePredictions;
    private final Table holdout;
    private final String label;
    private MetricInput cand;
    private MetricInput base;

    GateEvaluator(QualityGate gate, Predictions candidate, Predictions baseline, Table holdout, String label) {
        this.gate = gate;
        this.candidate = candidate;
        this.baselinePredictions = baseline;
        this.holdout = holdout;
        this.label = label;
    }

    /** The one place where a metric's {@code higherIsBetter()} becomes the statistics' {@link Direction}. */
    static Direction direction(Metric metric) {
        return metric.higherIsBetter() ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
    }

    GateReport run() {
        int n = holdout.rowCount();
        boolean regression = gate.requirements().get(0).metric().isRegression();
        Task task = regression ? Task.REGRESSION : Task.CLASSIFICATION;
        checkPredictions("candidate", candidate, task, n);
        if (baselinePredictions != null) {
            checkPredictions("baseline", baselinePredictions, task, n);
        }
        Column truth = holdout.column(label);
        cand = input(truth, candidate, regression);
        base = baselinePredictions == null ? null : input(truth, baselinePredictions, regression);
        List<RequirementResult> out = new ArrayList<>();
        for (Requirement r : gate.requirements()) {
            evaluate(r, out);
        }
        return new GateReport(gate, holdout, label, baselinePredictions != null, out);
    }

    private static void checkPredictions(String role, Predictions p, Task task, int n) {
        Checks.checkArgument(p.task() == task, "the gate's metrics are %s metrics but the %s's predictions are %s",
                task == Task.REGRESSION ? "regression" : "classification", role,
                p.task() == Task.REGRESSION ? "regression values" : "class labels");
        Checks.checkArgument(p.size() == n, "the %s has %d predictions but the holdout has %d rows", role, p.size(), n);
    }

    private static MetricInput input(Column truth, Predictions p, boolean regression) {
        return regression ? MetricInput.regression(truth, p) : MetricInput.classification(truth, p);
    }

    // ------------------------------------------------------------------------------------- per requirement

    /** One requirement on one set of rows, while it is being decided. */
    private static final class Unit {
        final String slice;
        final int[] rows;
        final int n;
        Status status;
        boolean skipped;
        double value = Double.NaN;
        double baseline = Double.NaN;
        double difference = Double.NaN;
        double low = Double.NaN;
        double high = Double.NaN;
        double p = Double.NaN;
        double adjusted = Double.NaN;
        String reason;
        String note = "";
        boolean tested;
        Decision decision;
        McNemarResult mcnemar;

        Unit(String slice, int[] rows, int n) {
            this.slice = slice;
            this.rows = rows;
            this.n = n;
        }
    }

    private void evaluate(Requirement req, List<RequirementResult> out) {
        List<Slice> slices = req.resolve(holdout);
        if (req.kind() == RequirementKind.MAX_GAP_BETWEEN_SLICES) {
            out.add(gap(req, slices));
            return;
        }
        List<Unit> units = new ArrayList<>();
        if (slices.isEmpty()) {
            units.add(unit(req, null, null, holdout.rowCount()));
        } else {
            for (Slice s : slices) {
                int[] rows = s.rows(holdout);
                units.add(unit(req, s.name(), rows, rows.length));
            }
        }
        boolean family = req.mode() != DecisionMode.POINT_ESTIMATE && units.size() > 1;
        double alpha = (1 - gate.confidence()) / 2;
        if (family) {
            List<Unit> members = new ArrayList<>();
            for (Unit u : units) {
                if (!u.skipped) {
                    members.add(u);
                }
            }
            double[] raw = new double[members.size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = members.get(i).tested ? members.get(i).p : Double.NaN;
            }
            AdjustedPValues adj = gate.sliceCorrection().adjust(raw);
            for (int i = 0; i < raw.length; i++) {
                Unit u = members.get(i);
                if (u.tested) {
                    u.adjusted = adj.adjusted(i);
                    decideInFamily(req, u, alpha, members.size());
                }
            }
        } else {
            for (Unit u : units) {
                if (u.tested) {
                    u.adjusted = u.p;
                    decideAlone(req, u, alpha);
                }
            }
        }
        for (Unit u : units) {
            out.add(new RequirementResult(req, u.slice, u.n, u.status, u.skipped, u.value, u.baseline, u.difference,
                    u.low, u.high, u.p, u.adjusted, u.reason));
        }
    }

    private static String subject(Requirement req, String slice) {
        return req.metricLabel() + (slice == null ? "" : " on slice " + slice);
    }

    private static String relWord(Requirement req, Unit u) {
        return req.relative() && u.note.isEmpty() ? "relative improvement" : "improvement";
    }

    /** What the requirement expects, after "Expected X to ". */
    static String goal(Requirement req, double confidence) {
        String t = Fmt.num(req.threshold());
        String rel = req.relative() ? " relative" : "";
        String stat = req.mode() == DecisionMode.POINT_ESTIMATE ? ""
                : " (" + (req.mode() == DecisionMode.SUPERIORITY ? "superiority" : "non-inferiority") + " at "
                        + Fmt.percent(confidence) + ", " + testName(req.test().orElseThrow()) + ")";
        switch (req.kind()) {
            case AT_LEAST:
                return "be at least " + t;
            case AT_MOST:
                return "be at most " + t;
            case BETWEEN:
                return "be between " + t + " and " + Fmt.num(req.high());
            case NOT_WORSE_THAN_BASELINE_BY:
                return "be not worse than the baseline by more than " + t + rel + stat;
            case IMPROVES_ON_BASELINE_BY:
                return "improve on the baseline by " + (req.mode() == DecisionMode.SUPERIORITY ? "more than " : "at least ")
                        + t + rel + stat;
            case IMPROVES_AT_MOST_BY:
                return "improve on the baseline by at most " + t + rel;
            default:
                return "be at most " + t;
        }
    }

    static String testName(ComparisonTest test) {
        switch (test) {
            case MCNEMAR_EXACT:
                return "McNemar exact";
            case MCNEMAR_MID_P:
                return "McNemar mid-p";
            case DELONG:
                return "DeLong";
            default:
                return "bootstrap";
        }
    }

    private Unit policy(Unit u, Outcome outcome, String subject, String goal, String why, String detail,
            String skipPolicy) {
        if (outcome == Outcome.SKIP) {
            u.status = Status.WARN;
            u.skipped = true;
            u.reason = "Skipped " + subject + ": " + why + " (" + (detail == null ? "" : detail + "; ") + "policy: "
                    + skipPolicy + ")";
        } else {
            u.status = Status.FAIL;
            u.reason = "Expected " + subject + " to " + goal + " but " + why + (detail == null ? "" : " (" + detail + ")");
        }
        return u;
    }

    private Unit unit(Requirement req, String slice, int[] rows, int n) {
        Unit u = new Unit(slice, rows, n);
        String s = subject(req, slice);
        String goal = goal(req, gate.confidence());
        if (slice != null && n < gate.minimumSliceSize()) {
            String why = n == 0 ? "the slice is empty (0 rows)"
                    : "the slice has " + n + (n == 1 ? " row" : " rows") + ", fewer than the minimum " + gate.minimumSliceSize();
            return policy(u, gate.smallSlices(), s, goal, why, null, "small slices are skipped");
        }
        Metric metric = req.metric();
        MetricValue cv = metric.compute(cand, rows);
        u.value = cv.value();
        if (!cv.isDefined()) {
            return policy(u, gate.undefinedMetrics(), s, goal, "it could not be computed: " + cv.reason().orElseThrow(),
                    "n = " + n, "undefined metrics are skipped");
        }
        double v = cv.value();
        double t = req.threshold();
        switch (req.kind()) {
            case AT_LEAST:
                return bound(u, v >= t, "Expected " + s + " to " + goal + " but was " + Fmt.num(v) + " (short by "
                        + Fmt.num(t - v) + "; n = " + n + ")", s + " was " + Fmt.num(v) + ", at least " + Fmt.num(t)
                        + " (n = " + n + ")");
            case AT_MOST:
                return bound(u, v <= t, "Expected " + s + " to " + goal + " but was " + Fmt.num(v) + " (over by "
                        + Fmt.num(v - t) + "; n = " + n + ")", s + " was " + Fmt.num(v) + ", at most " + Fmt.num(t)
                        + " (n = " + n + ")");
            case BETWEEN: {
                double h = req.high();
                boolean pass = v >= t && v <= h;
                String gap = v < t ? "short by " + Fmt.num(t - v) : "over by " + Fmt.num(v - h);
                return bound(u, pass, "Expected " + s + " to " + goal + " but was " + Fmt.num(v) + " (" + gap + "; n = "
                        + n + ")", s + " was " + Fmt.num(v) + ", between " + Fmt.num(t) + " and " + Fmt.num(h)
                        + " (n = " + n + ")");
            }
            default:
                return change(req, u, s, goal);
        }
    }

    private static Unit bound(Unit u, boolean pass, String failure, String success) {
        u.status = pass ? Status.PASS : Status.FAIL;
        u.reason = pass ? success : failure;
        return u;
    }

    private Unit change(Requirement req, Unit u, String s, String goal) {
        int n = u.n;
        if (base == null) {
            return policy(u, gate.missingBaseline(), s, goal, "there is no baseline to compare with", null,
                    "first model, comparisons with a baseline are skipped");
        }
        Metric metric = req.metric();
        MetricValue bv = metric.compute(base, u.rows);
        u.baseline = bv.value();
        if (!bv.isDefined()) {
            return policy(u, gate.undefinedMetrics(), s, goal,
                    "the baseline's value could not be computed: " + bv.reason().orElseThrow(), "n = " + n,
                    "undefined metrics are skipped");
        }
        double c = u.value;
        double b = u.baseline;
        boolean rel = req.relative();
        if (rel && b == 0) {
            if (req.zeroBaseline().orElseThrow() == ZeroBaseline.FAIL) {
                u.status = Status.FAIL;
                u.reason = "Expected " + s + " to " + goal + " but the relative change is undefined: the baseline is 0 "
                        + "(candidate " + Fmt.num(c) + "; n = " + n + ")";
                return u;
            }
            rel = false;
            u.note = "; the baseline is 0, so the absolute difference was used";
        }
        double diff = rel ? (c - b) / Math.abs(b) : c - b;
        u.difference = diff;
        Direction dir = direction(metric);
        double imp = dir.improvement(diff);
        if (!Double.isFinite(diff)) {
            return policy(u, gate.undefinedMetrics(), s, goal, "the difference is not finite (candidate " + Fmt.num(c)
                    + ", baseline " + Fmt.num(b) + ")", "n = " + n, "undefined metrics are skipped");
        }
        double t = req.threshold();
        String nums = "candidate " + Fmt.num(c) + ", baseline " + Fmt.num(b);
        String word = relWord(req, u);
        if (req.mode() == DecisionMode.POINT_ESTIMATE) {
            if (req.kind() == RequirementKind.IMPROVES_AT_MOST_BY) {
                boolean pass = imp <= t;
                return bound(u, pass, "Expected " + s + " to " + goal + " but the " + word + " was " + Fmt.num(imp) + " ("
                        + nums + "; over by " + Fmt.num(imp - t) + "; n = " + n + u.note + ")",
                        s + ": the " + word + " " + Fmt.num(imp) + " is at most " + Fmt.num(t) + " (" + nums + "; n = " + n
                                + u.note + ")");
            }
            double min = req.kind() == RequirementKind.NOT_WORSE_THAN_BASELINE_BY ? -t : t;
            boolean pass = imp >= min;
            return bound(u, pass, "Expected " + s + " to " + goal + " but the " + word + " was " + Fmt.num(imp) + " ("
                    + nums + "; short by " + Fmt.num(min - imp) + "; n = " + n + u.note + ")",
                    s + ": the " + word + " " + Fmt.num(imp) + " is at least " + Fmt.num(min) + " (" + nums + "; n = " + n
                            + u.note + ")");
        }
        double thr = req.kind() == RequirementKind.NOT_WORSE_THAN_BASELINE_BY ? (t == 0 ? 0.0 : -t) : t;
        ComparisonTest test = req.test().orElseThrow();
        if (test.isMcNemar()) {
            McNemarResult mr = (test == ComparisonTest.MCNEMAR_EXACT ? McNemar.EXACT : McNemar.MID_P)
                    .test(subset(cand.correct(), u.rows), subset(base.correct(), u.rows));
            u.mcnemar = mr;
            u.p = mr.candidateOnlyCorrect() > mr.baselineOnlyCorrect() ? mr.pValue() / 2 : 1.0;
            u.tested = true;
            return u;
        }
        DifferenceEstimate estimate;
        if (test == ComparisonTest.DELONG) {
            String positive = positiveClass(metric);
            if (positive == null || !positive.equals(positiveClassOfBaseline(metric))) {
                return policy(u, gate.undefinedMetrics(), s, goal, "DeLong's test needs the same positive class in both "
                        + "models but the candidate's is " + positive + " and the baseline's is "
                        + positiveClassOfBaseline(metric), "n = " + n, "undefined metrics are skipped");
            }
            DeLongResult dr = DeLong.compare(subset(cand.truthIs(positive), u.rows),
                    subset(cand.probabilitiesOf(positive), u.rows), subset(base.probabilitiesOf(positive), u.rows),
                    gate.confidence());
            estimate = dr;
            u.p = dr.pValue(dir, thr);
        } else {
            BootstrapResult br = gate.bootstrap().run(n, rowMetric(metric, cand, base, u.rows, rel, true),
                    rowMetric(metric, cand, base, u.rows, rel, false));
            estimate = br;
            u.p = br.pValue(dir, thr);
        }
        if (!estimate.isDefined()) {
            return policy(u, gate.undefinedMetrics(), s, goal, "the " + testName(test) + " interval is undefined: "
                    + estimate.undefinedReason(), "n = " + n, "undefined metrics are skipped");
        }
        u.low = estimate.low();
        u.high = estimate.high();
        u.decision = req.kind() == RequirementKind.NOT_WORSE_THAN_BASELINE_BY
                ? Decision.nonInferiority(estimate, dir, t)
                : Decision.superiority(estimate, dir, t);
        u.tested = true;
        return u;
    }

    private String positiveClass(Metric metric) {
        if (metric.classOf().isPresent()) {
            return metric.classOf().get();
        }
        return cand.modelClasses().size() == 2 ? cand.modelClasses().get(1) : null;
    }

    private String positiveClassOfBaseline(Metric metric) {
        if (metric.classOf().isPresent()) {
            return metric.classOf().get();
        }
        return base.modelClasses().size() == 2 ? base.modelClasses().get(1) : null;
    }

    /** The candidate's (or, for a relative change, the relative difference's) or the baseline's metric on bootstrap rows. */
    private static RowMetric rowMetric(Metric metric, MetricInput cand, MetricInput base, int[] rows, boolean relative,
            boolean candidateSide) {
        int[] map = rows == null ? null : new int[rows.length];
        if (relative) {
            if (!candidateSide) {
                return r -> 0.0;
            }
            return r -> {
                int[] m = mapRows(r, rows, map);
                double c = metric.value(cand, m);
                double b = metric.value(base, m);
                return (c - b) / Math.abs(b);
            };
        }
        MetricInput in = candidateSide ? cand : base;
        return r -> metric.value(in, mapRows(r, rows, map));
    }

    private static int[] mapRows(int[] local, int[] rows, int[] map) {
        if (rows == null) {
            return local;
        }
        for (int i = 0; i < local.length; i++) {
            map[i] = rows[local[i]];
        }
        return map;
    }

    private static boolean[] subset(boolean[] all, int[] rows) {
        if (rows == null) {
            return all;
        }
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = all[rows[i]];
        }
        return out;
    }

    private static double[] subset(double[] all, int[] rows) {
        if (rows == null) {
            return all;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = all[rows[i]];
        }
        return out;
    }

    private String details(Requirement req, Unit u) {
        StringBuilder b = new StringBuilder();
        if (u.mcnemar != null) {
            b.append(u.mcnemar.candidateOnlyCorrect()).append(" rows only the candidate got right, ")
                    .append(u.mcnemar.baselineOnlyCorrect()).append(" only the baseline; ");
        }
        b.append(relWord(req, u)).append(' ').append(Fmt.num(direction(req.metric()).improvement(u.difference)))
                .append("; candidate ").append(Fmt.num(u.value)).append(", baseline ").append(Fmt.num(u.baseline));
        return b.toString();
    }

    private void decideAlone(Requirement req, Unit u, double alpha) {
        String s = subject(req, u.slice);
        String goal = goal(req, gate.confidence());
        if (u.mcnemar != null) {
            boolean pass = u.p < alpha;
            u.status = pass ? Status.PASS : Status.FAIL;
            u.reason = pass
                    ? s + ": the one-sided p-value " + Fmt.num(u.p) + " is below " + Fmt.num(alpha) + " (" + details(req, u)
                            + "; n = " + u.n + ")"
                    : "Expected " + s + " to " + goal + " but the one-sided p-value was " + Fmt.num(u.p) + ", not below "
                            + Fmt.num(alpha) + " (" + details(req, u) + "; n = " + u.n + u.note + ")";
            return;
        }
        Decision d = u.decision;
        String bound = "the lower " + Fmt.percent(gate.confidence()) + " confidence bound of the " + relWord(req, u);
        u.status = d.passed() ? Status.PASS : Status.FAIL;
        u.reason = d.passed()
                ? s + ": " + bound + " " + Fmt.num(d.improvementLowerBound()) + " is above " + Fmt.num(d.threshold()) + " ("
                        + details(req, u) + "; n = " + u.n + u.note + ")"
                : "Expected " + s + " to " + goal + " but " + bound + " was " + Fmt.num(d.improvementLowerBound()) + " ("
                        + details(req, u) + "; short by " + Fmt.num(d.threshold() - d.improvementLowerBound()) + "; n = "
                        + u.n + u.note + ")";
    }

    private void decideInFamily(Requirement req, Unit u, double alpha, int m) {
        String s = subject(req, u.slice);
        String goal = goal(req, gate.confidence());
        String how = correctionName(gate.sliceCorrection()) + "-adjusted one-sided p-value";
        boolean pass = u.adjusted < alpha;
        u.status = pass ? Status.PASS : Status.FAIL;
        String tail = "raw " + Fmt.num(u.p) + "; " + m + " slices; " + details(req, u) + "; n = " + u.n + u.note + ")";
        u.reason = pass
                ? s + ": the " + how + " " + Fmt.num(u.adjusted) + " is below " + Fmt.num(alpha) + " (" + tail
                : "Expected " + s + " to " + goal + " but the " + how + " was " + Fmt.num(u.adjusted) + ", not below "
                        + Fmt.num(alpha) + " (" + tail;
    }

    private static String correctionName(PValueAdjustment a) {
        return a == PValueAdjustment.HOLM ? "Holm" : "Bonferroni";
    }

    // ----------------------------------------------------------------------------------------------- gaps

    private RequirementResult gap(Requirement req, List<Slice> slices) {
        String over = req.eachValueOf().map(c -> "of " + c).orElseGet(() -> {
            StringJoiner j = new StringJoiner(", ");
            slices.forEach(x -> j.add(x.name()));
            return j.toString();
        });
        String sliceName = req.eachValueOf().map(c -> c + "=*").orElseGet(() -> {
            StringJoiner j = new StringJoiner(", ");
            slices.forEach(x -> j.add(x.name()));
            return j.toString();
        });
        String subject = "the gap in " + req.metricLabel() + " between the slices " + over;
        String goal = "be at most " + Fmt.num(req.threshold());
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> skippedNotes = new ArrayList<>();
        int rows = 0;
        for (Slice sl : slices) {
            int[] r = sl.rows(holdout);
            if (r.length < gate.minimumSliceSize()) {
                String why = r.length == 0 ? "slice " + sl.name() + " is empty (0 rows)"
                        : "slice " + sl.name() + " has " + r.length + (r.length == 1 ? " row" : " rows")
                                + ", fewer than the minimum " + gate.minimumSliceSize();
                if (gate.smallSlices() == Outcome.FAIL) {
                    return gapResult(req, sliceName, rows, Status.FAIL, false, Double.NaN,
                            "Expected " + subject + " to " + goal + " but " + why);
                }
                skippedNotes.add(why);
                continue;
            }
            MetricValue v = req.metric().compute(cand, r);
            if (!v.isDefined()) {
                String why = req.metricLabel() + " on slice " + sl.name() + " could not be computed: "
                        + v.reason().orElseThrow() + " (n = " + r.length + ")";
                if (gate.undefinedMetrics() == Outcome.FAIL) {
                    return gapResult(req, sliceName, rows, Status.FAIL, false, Double.NaN,
                            "Expected " + subject + " to " + goal + " but " + why);
                }
                skippedNotes.add(why);
                continue;
            }
            names.add(sl.name());
            values.add(v.value());
            rows += r.length;
        }
        String skippedText = skippedNotes.isEmpty() ? "" : "; left out under the policies: " + String.join("; ", skippedNotes);
        if (values.size() < 2) {
            if (skippedNotes.isEmpty()) {
                return gapResult(req, sliceName, rows, Status.FAIL, false, Double.NaN, "Expected " + subject + " to "
                        + goal + " but there " + (values.isEmpty() ? "are no slices" : "is only one slice")
                        + " to compare");
            }
            return gapResult(req, sliceName, rows, Status.WARN, true, Double.NaN, "Skipped " + subject + ": fewer than 2 "
                    + "slices are left to compare (" + String.join("; ", skippedNotes) + ")");
        }
        int hi = 0;
        int lo = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) > values.get(hi)) {
                hi = i;
            }
            if (values.get(i) < values.get(lo)) {
                lo = i;
            }
        }
        double g = values.get(hi) - values.get(lo);
        String extremes = names.get(hi) + " " + Fmt.num(values.get(hi)) + ", " + names.get(lo) + " "
                + Fmt.num(values.get(lo));
        boolean pass = g <= req.threshold();
        return gapResult(req, sliceName, rows, pass ? Status.PASS : Status.FAIL, false, g, pass
                ? subject + " was " + Fmt.num(g) + ", at most " + Fmt.num(req.threshold()) + " (" + extremes + skippedText + ")"
                : "Expected " + subject + " to " + goal + " but was " + Fmt.num(g) + " (" + extremes + "; over by "
                        + Fmt.num(g - req.threshold()) + skippedText + ")");
    }

    private static RequirementResult gapResult(Requirement req, String slice, int rows, Status status, boolean skipped,
            double gap, String reason) {
        return new RequirementResult(req, slice, rows, status, skipped, gap, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, reason);
    }
}
