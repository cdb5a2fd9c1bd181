package org.mlops4j.drift.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlops4j.drift.detect.DetectorContractChecks.concat;
import static org.mlops4j.drift.detect.DetectorContractChecks.repeat;
import static org.mlops4j.drift.detect.StreamDetectorChecks.assertRefused;
import static org.mlops4j.drift.detect.StreamDetectorChecks.run;
import static org.mlops4j.drift.detect.StreamDetectorChecks.state;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * STEPD as MOA's STEPD. Alarm positions, statistics and p-values on the constructed streams are
 * worked out below and by mlops-drift/src/test/python/detector_hand_checks_ph_ewma_stepd.py (lines "stepd ..."),
 * which computes the counts in exact fractions.
 */
class StepdTest {

    private static Stepd stepd(double window, double alphaDrift, double alphaWarning) {
        return (Stepd) ChangeDetectors.create("stepd",
                Map.of("windowSize", window, "alphaDrift", alphaDrift, "alphaWarning", alphaWarning));
    }

    @Test
    void defaults_equalMoa() {
        // GIVEN MOA 2024.07 STEPD's options: -r 30 -o 0.003 -w 0.05
        Stepd d = Stepd.defaults();

        assertThat(d.kind()).isEqualTo("stepd");
        assertThat(d.parameters()).containsExactly(Map.entry("windowSize", 30.0), Map.entry("alphaDrift", 0.003),
                Map.entry("alphaWarning", 0.05));
        assertThat(d.estimate()).isNaN();
    }

    @Test
    void update_errorsAfterRightPredictions_driftsAtTheFirstTest() {
        // GIVEN window 10: 10 right then 10 wrong. The first test runs at index 19 (older window full):
        // r_o/n_o = 1, r_r/n_r = 0, 1/n_o + 1/n_r = 0.2, p = 0.5: T = (1 - 0.1) / sqrt(0.25 * 0.2) = 4.0249,
        // P = 2 (1 - Phi(4.0249)) = 5.70e-5 < 0.003 -> DRIFT at 19
        Stepd d = stepd(10, 0.003, 0.05);

        StreamDetectorChecks.Alarms a = run(d, concat(repeat(0, 10), repeat(1, 10)));

        assertThat(a.drifts()).containsExactly(19);
        assertThat(a.warnings()).isEmpty();
        assertThat(d.estimate()).isEqualTo(0.5);
        assertThat(d.windowSize()).isEqualTo(20);
        d.update(1);
        assertThat(d.windowSize()).isEqualTo(1);
        assertThat(d.estimate()).isEqualTo(1.0);
    }

    @Test
    void update_moderateDifference_warns() {
        // GIVEN window 5: 5 right then 6 wrong
        // index 9: n_o = n_r = 5, T = (1 - 0.2) / sqrt(0.25 * 0.4) = 2.5298, P = 0.01141 -> WARNING
        // index 10: older 0,0,0,0,0,1: r_o = 5 of 6, r_r = 0 of 5, p = 5/11, 1/6 + 1/5 = 0.36667:
        //           T = (5/6 - 0.18333) / sqrt(0.24793 * 0.36667) = 2.1558, P = 0.03110 -> WARNING
        StreamDetectorChecks.Alarms a = run(stepd(5, 0.003, 0.05), concat(repeat(0, 5), repeat(1, 6)));

        assertThat(a.warnings()).containsExactly(9, 10);
        assertThat(a.drifts()).isEmpty();
    }

    @Test
    void update_constantStream_driftsEveryTwoWindows() {
        // GIVEN only right predictions: p = 1, so sqrt(p (1 - p) ...) = 0 and T = -0.0333 / 0 = -inf;
        // MOA takes |T| = inf, P = 0 < 0.003: DRIFT at 59, then 60 values later at 119 (a MOA quirk we keep)
        assertThat(run(Stepd.defaults(), repeat(0, 125)).drifts()).containsExactly(59, 119);
        assertThat(run(Stepd.defaults(), repeat(1, 125)).drifts()).containsExactly(59, 119);
    }

    @Test
    void update_oneErrorThenRightPredictions_eventuallyDrifts() {
        // GIVEN one error then right predictions: |r_o/n_o - r_r/n_r| = 1/n_o is below the continuity
        // correction, so the paper's one-sided T is negative; MOA takes |T| after the correction, which
        // grows as p -> 0: WARNING from 548, DRIFT at 1145 (detector_hand_checks_ph_ewma_stepd.py, "stepd one")
        double[] stream = concat(new double[] {1}, repeat(0, 1200));

        StreamDetectorChecks.Alarms a = run(Stepd.defaults(), stream);

        assertThat(a.warnings().get(0)).isEqualTo(548);
        assertThat(a.drifts()).containsExactly(1145);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.003, 0.05, 1e-6, 0.3, 0.9})
    void pValue_crossesAlphaAtTheCriticalValue(double alpha) {
        // THEN MOA's p-value 2 (1 - Phi(t)) is above alpha just below the normal quantile and below it just above
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - alpha / 2);

        assertThat(Stepd.pValue(z * (1 - 1e-7))).isGreaterThan(alpha);
        assertThat(Stepd.pValue(z * (1 + 1e-7))).isLessThan(alpha);
        assertThat(Stepd.criticalValue(alpha)).isCloseTo(z, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Stepd.pValue(Double.POSITIVE_INFINITY)).isZero();
        assertThat(Stepd.pValue(0)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.003, 0.05, 1e-6, 0.3, 0.9, 1e-12, 1e-20, 0.0, 1.0})
    void significant_nearTheCriticalValue_decidesAsThePValueComparison(double alpha) {
        // GIVEN |T| swept finely around the critical value (and a wide range): the shortcut must give
        // exactly MOA's pValue(|T|) < alpha, including where MOA's p-value is rounded (tiny alpha)
        double z = Stepd.criticalValue(alpha);
        double centre = Double.isInfinite(z) ? 8 : z;
        for (int k = -20_000; k <= 20_000; k++) {
            double t = Math.max(0, centre + k * 1e-12 * Math.max(1, centre));
            assertThat(Stepd.significant(t, z, alpha)).as("alpha %s t %s", alpha, t).isEqualTo(Stepd.pValue(t) < alpha);
        }
        for (int k = 0; k <= 4000; k++) {
            double t = k * 0.01;
            assertThat(Stepd.significant(t, z, alpha)).as("alpha %s t %s", alpha, t).isEqualTo(Stepd.pValue(t) < alpha);
        }
        assertThat(Stepd.significant(Double.POSITIVE_INFINITY, z, alpha)).isEqualTo(alpha > 0);
    }

    @Test
    void update_randomStreams_agreeWithThePValueComputedAtEveryUpdate() {
        // GIVEN streams with changes: the quantile shortcut must decide as MOA's p-value comparison does
        for (long seed = 1; seed <= 5; seed++) {
            double[] stream = StreamDetectorChecks.bernoulli(seed, 20_000, 0.1 + 0.05 * seed, 0.4, 10_000);
            Stepd d = Stepd.defaults();
            java.util.ArrayList<Integer> recent = new java.util.ArrayList<>();
            java.util.ArrayList<Integer> all = new java.util.ArrayList<>();
            for (int i = 0; i < stream.length; i++) {
                all.add((int) stream[i]);
                recent.add((int) stream[i]);
                Signal expected = Signal.NONE;
                int no = recent.size() - 30;
                if (no >= 30) {
                    int wo = 0;
                    int wr = 0;
                    for (int k = 0; k < recent.size(); k++) {
                        if (k < no) {
                            wo += recent.get(k);
                        } else {
                            wr += recent.get(k);
                        }
                    }
                    double ro = no - wo;
                    double rr = 30 - wr;
                    double inv = 1.0 / no + 1.0 / 30;
                    double p = (ro + rr) / (no + 30);
                    double t = Math.abs((Math.abs(ro / no - rr / 30) - inv / 2.0) / Math.sqrt(p * (1 - p) * inv));
                    double pv = Stepd.pValue(t);
                    expected = pv < 0.003 ? Signal.DRIFT : pv < 0.05 ? Signal.WARNING : Signal.NONE;
                }
                assertThat(d.update(stream[i])).as("seed %d index %d", seed, i).isEqualTo(expected);
                if (expected == Signal.DRIFT) {
                    recent.clear();
                }
            }
            assertThat(all).hasSize(stream.length);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "windowSize; 0; stepd: parameter windowSize must be a whole number in [1, 1000], got 0.0",
        "windowSize; 1001; stepd: parameter windowSize must be a whole number in [1, 1000], got 1001.0",
        "windowSize; 30.5; stepd: parameter windowSize must be a whole number, got 30.5",
        "alphaDrift; -0.1; stepd: parameter alphaDrift must be in [0, 1], got -0.1",
        "alphaWarning; 1.1; stepd: parameter alphaWarning must be in [0, 1], got 1.1",
        "alphaWarning; NaN; stepd: parameter alphaWarning must be in [0, 1], got NaN"})
    void create_outOfRange_refusedWithMessage(String name, double value, String message) {
        assertThatThrownBy(() -> ChangeDetectors.create("stepd", Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(doubles = {2.0, 0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void update_notBinaryOrNotFinite_refusedAndStateUnchanged(double bad) {
        Stepd d = Stepd.defaults();
        run(d, new double[] {0, 1});
        String before = d.toJson();
        String why = Double.isFinite(bad)
                ? "it reads a binary error stream: 1 for a wrong prediction, 0 for a right one"
                : "it is not a finite number";

        assertThatThrownBy(() -> d.update(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stepd cannot take the value " + bad + " at update 2: " + why + "; the value was not used");
        assertThat(d.toJson()).isEqualTo(before);
    }

    @Test
    void reset_midStream_behavesAsANewDetector() {
        double[] stream = StreamDetectorChecks.bernoulli(8, 5000, 0.1, 0.4, 2500);
        Stepd used = Stepd.defaults();
        run(used, stream);

        used.reset();

        assertThat(used.toJson()).isEqualTo(Stepd.defaults().toJson());
        assertThat(run(used, stream)).isEqualTo(run(Stepd.defaults(), stream));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void toJson_restoredMidStream_continuesIdentically(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] stream = StreamDetectorChecks.bernoulli(seed, 3000, 0.05 + 0.2 * r.nextDouble(), 0.45, 500 + r.nextInt(2000));
        int cut = r.nextInt(stream.length);
        double window = 5 + r.nextInt(40);

        StreamDetectorChecks.assertSnapshotContinues(() -> stepd(window, 0.003, 0.05), stream, cut);
    }

    @Test
    void toJson_goldenFile() {
        Stepd d = stepd(4, 0.003, 0.05);
        run(d, new double[] {0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1});

        StreamDetectorChecks.assertGolden(d, "stepd-mid-run.json");
    }

    @Test
    void fromJson_hostileSnapshots_refusedWithPath() {
        Stepd d = stepd(4, 0.003, 0.05);
        run(d, new double[] {0, 1, 0, 0, 1, 0});

        assertRefused(d, t -> state(t).putArray("recent").add(0).add(2).add(1).add(1), "$.state.recent[1]",
                "expected 0 or 1, found 2");
        assertRefused(d, t -> state(t).putArray("recent").add(0).add(1).add(1).add(1).add(0), "$.state",
                "recent holds 5 values but windowSize is 4");
        assertRefused(d, t -> state(t).putArray("recent").add(0).add(1), "$.state",
                "the older window can only fill once the recent one is full, found 2 recent values and 2 older ones");
        assertRefused(d, t -> state(t).put("olderErrors", 3), "$.state.olderErrors", "must be in [0, 2], found 3");
        assertRefused(d, t -> state(t).put("recent", "0110"), "$.state.recent", "expected an array");
    }

    @Test
    void update_steadyState_allocatesNothing() {
        double[] stream = StreamDetectorChecks.bernoulli(14, 1 << 16, 0.2, 0.2, 0);

        long bytes = StreamDetectorChecks.allocatedBytes(Stepd.defaults(), stream, 200_000, 1_000_000);

        assertThat(bytes).isLessThan(1024);
        assertThat(List.of(bytes)).hasSize(1);
    }
}
