package org.mlops4j.drift.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlops4j.drift.detect.DetectorContractChecks.concat;
import static org.mlops4j.drift.detect.DetectorContractChecks.repeat;
import static org.mlops4j.drift.detect.StreamDetectorChecks.assertRefused;
import static org.mlops4j.drift.detect.StreamDetectorChecks.run;
import static org.mlops4j.drift.detect.StreamDetectorChecks.state;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CUSUM as MOA's CusumDM. Alarm positions on the constructed streams are worked out below and by
 * mlops-drift/src/test/python/detector_hand_checks_ph_ewma_stepd.py (lines "cusum ...").
 */
class CusumTest {

    private static Cusum cusum(double minNum, double delta, double lambda) {
        return (Cusum) ChangeDetectors.create("cusum", Map.of("minNumInstances", minNum, "delta", delta, "lambda", lambda));
    }

    @Test
    void defaults_equalMoa() {
        // GIVEN MOA 2024.07 CusumDM's options: -n 30 -d 0.005 -l 50
        Cusum d = Cusum.defaults();

        assertThat(d.kind()).isEqualTo("cusum");
        assertThat(d.parameters()).containsExactly(Map.entry("minNumInstances", 30.0), Map.entry("delta", 0.005),
                Map.entry("lambda", 50.0));
        assertThat(d.estimate()).isNaN();
        assertThat(d.windowSize()).isZero();
    }

    @Test
    void update_riseAfterFall_driftsBecauseTheSumIsFlooredAtZero() {
        // GIVEN 4, 0, 0, 0, 3 with minNumInstances 0, delta 0, lambda 1
        // means 4, 2, 4/3, 1, 1.4; sums max(0, .): 0, 0, 0, 0, 0 + 3 - 1.4 = 1.6 > 1 -> DRIFT at 4
        // (Page-Hinkley, unfloored, is at -2.73 on the same stream)
        Cusum d = cusum(0, 0, 1);

        assertThat(run(d, new double[] {4, 0, 0, 0, 3}).drifts()).containsExactly(4);
        assertThat(d.estimate()).isEqualTo(1.4, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(d.windowSize()).isEqualTo(5);
        assertThat(d.update(1)).isEqualTo(Signal.NONE);
        assertThat(d.windowSize()).isEqualTo(1);
    }

    @Test
    void update_sumEqualToLambda_isNotADrift() {
        // GIVEN 0, 2, 2: sums 0, 1 (not > 1), 1 + 2 - 4/3 = 5/3 -> DRIFT at 2
        assertThat(run(cusum(0, 0, 1), new double[] {0, 2, 2}).drifts()).containsExactly(2);
    }

    @Test
    void update_jumpDuringWarmUp_driftsAtTheFirstIndexMoaAllows() {
        // GIVEN the defaults, 27 zeros, 1000 at index 27: held by the warm-up at 27, DRIFT at 28 (t = 29)
        double[] stream = concat(repeat(0, 27), new double[] {1000}, repeat(0, 5));

        assertThat(run(Cusum.defaults(), stream).drifts()).containsExactly(28);
    }

    @Test
    void update_deltaAbsorbsSmallDeviations() {
        // GIVEN alternating 0, 1 with delta 0.5: x - mean - delta <= ~0 on average, the floored sum stays
        // below 1 forever; with delta 0 the same stream accumulates past lambda 1
        double[] stream = new double[2000];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = i % 2;
        }

        assertThat(run(cusum(0, 0.5, 1), stream).drifts()).isEmpty();
        assertThat(run(cusum(0, 0.0, 1), stream).drifts()).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "minNumInstances; -3; cusum: parameter minNumInstances must be a whole number >= 0, got -3.0",
        "delta; -1; cusum: parameter delta must be finite and >= 0, got -1.0",
        "lambda; -0.5; cusum: parameter lambda must be finite and >= 0, got -0.5",
        "lambda; NaN; cusum: parameter lambda must be finite and >= 0, got NaN"})
    void create_outOfRange_refusedWithMessage(String name, double value, String message) {
        assertThatThrownBy(() -> ChangeDetectors.create("cusum", Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void create_unknownName_listsTheKnownOnes() {
        assertThatThrownBy(() -> ChangeDetectors.create("cusum", Map.of("alpha", 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cusum: unknown parameter alpha; cusum takes minNumInstances, delta, lambda");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void update_nonFinite_refusedAndStateUnchanged(double bad) {
        Cusum d = Cusum.defaults();
        run(d, new double[] {1, 2});
        String before = d.toJson();

        assertThatThrownBy(() -> d.update(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cusum cannot take the value " + bad + " at update 2: it is not a finite number; the value was not used");
        assertThat(d.toJson()).isEqualTo(before);
    }

    @Test
    void reset_midStream_behavesAsANewDetector() {
        double[] stream = StreamDetectorChecks.gaussian(5, 3000, 2, 1000);
        Cusum used = cusum(30, 0.005, 10);
        run(used, stream);

        used.reset();

        assertThat(used.updates()).isZero();
        assertThat(used.toJson()).isEqualTo(cusum(30, 0.005, 10).toJson());
        assertThat(run(used, stream)).isEqualTo(run(cusum(30, 0.005, 10), stream));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void toJson_restoredMidStream_continuesIdentically(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] stream = StreamDetectorChecks.gaussian(seed, 4000, 1 + r.nextDouble(), 500 + r.nextInt(2000));
        int cut = r.nextInt(stream.length);

        StreamDetectorChecks.assertSnapshotContinues(() -> cusum(30, 0.005, 8), stream, cut);
    }

    @Test
    void toJson_goldenFile() {
        Cusum d = cusum(3, 0.25, 10);
        run(d, new double[] {1, 0.5, 2, 3.5, 0});

        StreamDetectorChecks.assertGolden(d, "cusum-mid-run.json");
    }

    @Test
    void fromJson_hostileSnapshots_refusedWithPath() {
        Cusum d = Cusum.defaults();
        run(d, new double[] {1, 2, 3});

        assertRefused(d, t -> state(t).remove("mean"), "$.state.mean", "missing");
        assertRefused(d, t -> state(t).put("sum", -1.0), "$.state", "sum must not be negative, found -1.0");
        assertRefused(d, t -> state(t).putArray("n"), "$.state.n", "expected a whole number, found []");
        assertRefused(d, t -> t.put("format", "mlops4j.detector/2"), "$.format",
                "expected \"mlops4j.detector/1\", found \"mlops4j.detector/2\"");
    }

    @Test
    void update_steadyState_allocatesNothing() {
        double[] stream = StreamDetectorChecks.gaussian(12, 1 << 16, 0, Integer.MAX_VALUE);

        long bytes = StreamDetectorChecks.allocatedBytes(cusum(30, 0.005, 10), stream, 200_000, 1_000_000);

        assertThat(bytes).isLessThan(1024);
    }
}
