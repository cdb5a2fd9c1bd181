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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Page-Hinkley as MOA's PageHinkleyDM. Alarm positions on the constructed streams are worked out below
 * and by mlops-drift/src/test/python/detector_hand_checks_ph_ewma_stepd.py (lines "ph ...").
 */
class PageHinkleyTest {

    private static PageHinkley ph(double minNum, double delta, double lambda, double alpha) {
        return (PageHinkley) ChangeDetectors.create("ph",
                Map.of("minNumInstances", minNum, "delta", delta, "lambda", lambda, "alpha", alpha));
    }

    @Test
    void defaults_equalMoa() {
        // GIVEN MOA 2024.07 PageHinkleyDM's options: -n 30 -d 0.005 -l 50 -a 1-0.0001
        PageHinkley d = PageHinkley.defaults();

        assertThat(d.kind()).isEqualTo("ph");
        assertThat(d.parameters()).containsExactly(Map.entry("minNumInstances", 30.0), Map.entry("delta", 0.005),
                Map.entry("lambda", 50.0), Map.entry("alpha", 1 - 0.0001));
        assertThat(ChangeDetectors.create("ph").parameters()).isEqualTo(d.parameters());
        assertThat(d.estimate()).isNaN();
        assertThat(d.windowSize()).isZero();
        assertThat(d.signal()).isEqualTo(Signal.NONE);
    }

    @Test
    void update_stepAfterWarmUp_driftsWhenSumExceedsLambda() {
        // GIVEN minNumInstances 3, delta 0, lambda 1, alpha 1 and 0, 0, 0, 4, 0
        // x=0,0,0: mean 0, sum 0; x=4 (t=4): mean = 0 + 4/4 = 1, sum = 0 + (4 - 1 - 0) = 3 > 1 -> DRIFT at 3
        PageHinkley d = ph(3, 0, 1, 1);

        StreamDetectorChecks.Alarms a = run(d, new double[] {0, 0, 0, 4});

        assertThat(a.drifts()).containsExactly(3);
        assertThat(a.warnings()).isEmpty();
        assertThat(d.estimate()).isEqualTo(1.0);
        assertThat(d.windowSize()).isEqualTo(4);
        // THEN the next value starts a new run
        assertThat(d.update(0)).isEqualTo(Signal.NONE);
        assertThat(d.windowSize()).isEqualTo(1);
        assertThat(d.estimate()).isEqualTo(0.0);
    }

    @Test
    void update_sumEqualToLambda_isNotADrift() {
        // GIVEN 0, 2, 2 with minNumInstances 0, delta 0, lambda 1, alpha 1
        // t=2: mean 1, sum = 0 + (2 - 1) = 1, not > 1 (river's old rule >= would alarm here)
        // t=3: mean 4/3, sum = 1 + 2/3 = 5/3 > 1 -> DRIFT at 2
        assertThat(run(ph(0, 0, 1, 1), new double[] {0, 2, 2}).drifts()).containsExactly(2);
    }

    @ParameterizedTest
    @CsvSource({"0.5, true", "0.25, false"})
    void update_fadingFactor_scalesThePreviousSum(double alpha, boolean drifts) {
        // GIVEN 0, 2, 2: after t=2 sum = 1; at t=3 sum = alpha * 1 + (2 - 4/3) = alpha + 2/3
        // alpha 0.5 -> 7/6 > 1 (DRIFT at 2); alpha 0.25 -> 11/12 (no alarm)
        StreamDetectorChecks.Alarms a = run(ph(0, 0, 1, alpha), new double[] {0, 2, 2});

        assertThat(a.drifts()).isEqualTo(drifts ? List.of(2) : List.of());
    }

    @Test
    void update_jumpDuringWarmUp_driftsAtTheFirstIndexMoaAllows() {
        // GIVEN the defaults and 27 zeros, 1000 at index 27, then zeros. MOA starts its count at one, so
        // detection is allowed from the 29th value (index 28), one before minNumInstances says.
        // At index 27 (t=28) the sum is ~964 > 50 but the warm-up holds it; at index 28 (t=29) the mean
        // is 1000/29 and the sum 0.9999 * 964.15 - 34.49 - 0.005 = ~929.6 > 50 -> DRIFT at 28.
        double[] stream = concat(repeat(0, 27), new double[] {1000}, repeat(0, 5));

        assertThat(run(PageHinkley.defaults(), stream).drifts()).containsExactly(28);
    }

    @Test
    void update_meanDecreases_neverDrifts() {
        // GIVEN 100 tens then 1000 zeros: x - mean < 0 from the change on, the sum only falls
        // (MOA's test is one-sided; river's default two-sided test would alarm)
        double[] stream = concat(repeat(10, 100), repeat(0, 1000));

        assertThat(run(PageHinkley.defaults(), stream).drifts()).isEmpty();
    }

    @Test
    void update_sumIsNotFlooredNorComparedWithItsMinimum() {
        // GIVEN 4, 0, 0, 0, 3 with minNumInstances 0, delta 0, lambda 1, alpha 1
        // sums: 0, -2, -2 - 4/3, -10/3 - 1, -13/3 + (3 - 1.4) = -2.73: no drift, although the rise from
        // the minimum (1.6) exceeds lambda; CUSUM, floored at 0, drifts at 4 on the same stream
        assertThat(run(ph(0, 0, 1, 1), new double[] {4, 0, 0, 0, 3}).drifts()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "minNumInstances; -1; ph: parameter minNumInstances must be a whole number >= 0, got -1.0",
        "minNumInstances; 2.5; ph: parameter minNumInstances must be a whole number, got 2.5",
        "delta; -0.1; ph: parameter delta must be finite and >= 0, got -0.1",
        "delta; NaN; ph: parameter delta must be finite and >= 0, got NaN",
        "lambda; Infinity; ph: parameter lambda must be finite and >= 0, got Infinity",
        "alpha; 1.5; ph: parameter alpha must be in [0, 1], got 1.5"})
    void create_outOfRange_refusedWithMessage(String name, double value, String message) {
        assertThatThrownBy(() -> ChangeDetectors.create("ph", Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void create_unknownName_listsTheKnownOnes() {
        assertThatThrownBy(() -> ChangeDetectors.create("ph", Map.of("threshold", 50.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ph: unknown parameter threshold; ph takes minNumInstances, delta, lambda, alpha");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void update_nonFinite_refusedAndStateUnchanged(double bad) {
        // GIVEN a detector after 5 values
        PageHinkley d = PageHinkley.defaults();
        run(d, new double[] {1, 2, 3, 4, 5});
        String before = d.toJson();

        assertThatThrownBy(() -> d.update(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ph cannot take the value " + bad + " at update 5: it is not a finite number; the value was not used");
        assertThat(d.toJson()).isEqualTo(before);
    }

    @Test
    void update_hugeValues_acceptedAsMoaWould() {
        // GIVEN huge values: mean (1e300 + -1e300) / 2 = 0, sum -1e300, no alarm; the state round-trips
        PageHinkley d = ph(0, 0.005, 50, 0.9999);

        assertThat(d.update(1e300)).isEqualTo(Signal.NONE);
        assertThat(d.update(-1e300)).isEqualTo(Signal.NONE);
        assertThat(d.estimate()).isEqualTo(0.0);
        assertThat(ChangeDetectors.fromJson(d.toJson()).toJson()).isEqualTo(d.toJson());
    }

    @Test
    void reset_midStream_behavesAsANewDetector() {
        double[] stream = StreamDetectorChecks.gaussian(3, 3000, 2, 1500);
        PageHinkley used = ph(30, 0.005, 10, 0.9999);
        run(used, stream);

        used.reset();

        assertThat(used.updates()).isZero();
        assertThat(used.estimate()).isNaN();
        assertThat(used.toJson()).isEqualTo(ph(30, 0.005, 10, 0.9999).toJson());
        assertThat(run(used, stream)).isEqualTo(run(ph(30, 0.005, 10, 0.9999), stream));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void toJson_restoredMidStream_continuesIdentically(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] stream = StreamDetectorChecks.gaussian(seed, 4000, 1 + r.nextDouble(), 500 + r.nextInt(2000));
        int cut = r.nextInt(stream.length);

        StreamDetectorChecks.assertSnapshotContinues(() -> ph(30, 0.005, 5 + r.nextInt(0, 1), 0.9999), stream, cut);
    }

    @Test
    void toJson_rightAfterADrift_restoresThePendingRestart() {
        // the drift at index 3 leaves a run that the next value ends
        double[] stream = {0, 0, 0, 4, 0, 7, 0, 0};
        for (int cut = 0; cut <= stream.length; cut++) {
            StreamDetectorChecks.assertSnapshotContinues(() -> ph(3, 0, 1, 1), stream, cut);
        }
    }

    @Test
    void toJson_goldenFile() {
        PageHinkley d = ph(3, 0, 1, 0.5);
        run(d, new double[] {0, 0.5, 0.25, 4});

        StreamDetectorChecks.assertGolden(d, "ph-after-drift.json");
    }

    @Test
    void fromJson_hostileSnapshots_refusedWithPath() {
        PageHinkley d = PageHinkley.defaults();
        run(d, new double[] {1, 2, 3});

        assertRefused(d, t -> state(t).remove("n"), "$.state.n", "missing");
        assertRefused(d, t -> state(t).put("n", -1), "$.state.n", "must be in [0, 9223372036854775807], found -1");
        assertRefused(d, t -> state(t).put("n", 1.5), "$.state.n", "expected a whole number, found 1.5");
        assertRefused(d, t -> state(t).put("sum", "many"), "$.state.sum", "expected a number, found string");
        assertRefused(d, t -> state(t).put("changed", 1), "$.state.changed", "expected true or false, found 1");
        assertRefused(d, t -> state(t).put("n", 0), "$.state", "an empty run must have mean 0, sum 0 and no change");
        assertRefused(d, t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("parameters")).put("alpha", 2.0),
                "$.parameters", "ph: parameter alpha must be in [0, 1], got 2.0");
    }

    @Test
    void update_steadyState_allocatesNothing() {
        double[] stream = StreamDetectorChecks.gaussian(11, 1 << 16, 0, Integer.MAX_VALUE);

        long bytes = StreamDetectorChecks.allocatedBytes(ph(30, 0.005, 10, 0.9999), stream, 200_000, 1_000_000);

        // a few hundred bytes at most come from the measurement itself
        assertThat(bytes).isLessThan(1024);
    }
}
