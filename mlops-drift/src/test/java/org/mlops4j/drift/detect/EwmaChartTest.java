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
 * The EWMA chart (ECDD) as MOA's EWMAChartDM. Alarm positions on the constructed streams come from
 * mlops-drift/src/test/python/detector_hand_checks_ph_ewma_stepd.py (lines "ewma ..."), which writes the definition out
 * in plain Python.
 */
class EwmaChartTest {

    private static EwmaChart ewma(double minNum, double lambda) {
        return (EwmaChart) ChangeDetectors.create("ewma", Map.of("minNumInstances", minNum, "lambda", lambda));
    }

    @Test
    void defaults_equalMoa() {
        // GIVEN MOA 2024.07 EWMAChartDM's options: -n 30 -l 0.2
        EwmaChart d = EwmaChart.defaults();

        assertThat(d.kind()).isEqualTo("ewma");
        assertThat(d.parameters()).containsExactly(Map.entry("minNumInstances", 30.0), Map.entry("lambda", 0.2));
        assertThat(d.estimate()).isNaN();
    }

    @Test
    void update_errorsAfterAPerfectRun_warnThenDrift() {
        // GIVEN 40 right predictions then errors, the defaults. At index 40 (t = 41): p = 1/41, Z = 0.2,
        // s = sqrt(p (1-p) 0.2 (1 - 0.8^82) / 1.8) = 0.0514, L = 3.81: Z > p + L s / 2 = 0.122 but not
        // > p + L s = 0.220 -> WARNING; at 41: Z = 0.36 > 0.048 + 3.66 * 0.0710 = 0.31 -> DRIFT
        EwmaChart d = EwmaChart.defaults();

        StreamDetectorChecks.Alarms a = run(d, concat(repeat(0, 40), repeat(1, 10)));

        assertThat(a.warnings()).containsExactly(40);
        assertThat(a.drifts()).containsExactly(41);
    }

    @Test
    void update_atMinNumInstancesMinusOne_onlyWarns() {
        // GIVEN 20 right predictions then errors: at index 28 (t = 29) the drift condition already holds,
        // but MOA allows drifts from t = minNumInstances and warnings from t = minNumInstances - 1:
        // WARNING at 28, DRIFT at 29 (with minNumInstances 29: DRIFT at 28)
        double[] stream = concat(repeat(0, 20), repeat(1, 20));

        StreamDetectorChecks.Alarms at30 = run(EwmaChart.defaults(), stream);
        StreamDetectorChecks.Alarms at29 = run(ewma(29, 0.2), stream);

        assertThat(at30.warnings()).containsExactly(28);
        assertThat(at30.drifts()).containsExactly(29);
        assertThat(at29.warnings()).containsExactly(27);
        assertThat(at29.drifts()).containsExactly(28);
    }

    @Test
    void update_rateRisesFromOneInFive_warnsThenDrifts() {
        // GIVEN 12 cycles of 0,0,0,0,1 (rate 0.2) then 4 errors: WARNING 60, 61, 62, DRIFT 63
        double[] cycle = {0, 0, 0, 0, 1};
        double[] stream = concat(cycle, cycle, cycle, cycle, cycle, cycle, cycle, cycle, cycle, cycle, cycle, cycle,
                repeat(1, 4));
        EwmaChart d = EwmaChart.defaults();

        StreamDetectorChecks.Alarms a = run(d, stream);

        assertThat(a.warnings()).containsExactly(60, 61, 62);
        assertThat(a.drifts()).containsExactly(63);
        // the estimate is the error rate of the run that drifted: 16 errors in 64 values
        assertThat(d.estimate()).isEqualTo(16 / 64.0);
        assertThat(d.windowSize()).isEqualTo(64);
        d.update(0);
        assertThat(d.windowSize()).isEqualTo(1);
        assertThat(d.estimate()).isEqualTo(0.0);
    }

    @Test
    void update_constantStreams_neverAlarm() {
        // all right: p = 0, Z = 0, never > 0; all wrong: p = 1, s = 0, Z = 1 - 0.8^t < 1
        assertThat(run(EwmaChart.defaults(), repeat(0, 5000))).isEqualTo(new StreamDetectorChecks.Alarms(List.of(), List.of()));
        assertThat(run(EwmaChart.defaults(), repeat(1, 5000))).isEqualTo(new StreamDetectorChecks.Alarms(List.of(), List.of()));
    }

    @Test
    void update_longRun_matchesTheUnshortcutControlLimit() {
        // GIVEN a long Bernoulli stream: the detector stops calling Math.pow once (1 - lambda)^(2t) <= 2^-54;
        // a plain transcription that always calls it must agree on every signal
        for (double lambda : new double[] {0.2, 0.05, 1.0}) {
            double[] stream = StreamDetectorChecks.bernoulli(21, 50_000, 0.2, 0.35, 25_000);
            EwmaChart d = ewma(30, lambda);
            double n = 1;
            double sum = 0;
            double z = 0;
            boolean changed = false;
            for (int i = 0; i < stream.length; i++) {
                if (changed) {
                    n = 1;
                    sum = 0;
                    z = 0;
                    changed = false;
                }
                double x = stream[i];
                sum += x;
                double p = sum / n;
                double s = Math.sqrt(p * (1.0 - p) * lambda * (1.0 - Math.pow(1.0 - lambda, 2.0 * n)) / (2.0 - lambda));
                n++;
                z += lambda * (x - z);
                double l = 3.97 - 6.56 * p + 48.73 * Math.pow(p, 3) - 330.13 * Math.pow(p, 5) + 848.18 * Math.pow(p, 7);
                Signal expected = Signal.NONE;
                if (n >= 30) {
                    if (n > 30 && z > p + l * s) {
                        expected = Signal.DRIFT;
                        changed = true;
                    } else if (z > p + 0.5 * l * s) {
                        expected = Signal.WARNING;
                    }
                }
                assertThat(d.update(x)).as("lambda %s index %d", lambda, i).isEqualTo(expected);
                assertThat(d.estimate()).isEqualTo(p);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "minNumInstances; -1; ewma: parameter minNumInstances must be a whole number >= 0, got -1.0",
        "lambda; 0; ewma: parameter lambda must be in (0, 1], got 0.0",
        "lambda; 1.5; ewma: parameter lambda must be in (0, 1], got 1.5",
        "lambda; NaN; ewma: parameter lambda must be in (0, 1], got NaN"})
    void create_outOfRange_refusedWithMessage(String name, double value, String message) {
        assertThatThrownBy(() -> ChangeDetectors.create("ewma", Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(doubles = {2.0, 0.5, -1.0, -0.0001})
    void update_notBinary_refusedAndStateUnchanged(double bad) {
        EwmaChart d = EwmaChart.defaults();
        run(d, new double[] {0, 1, 0});
        String before = d.toJson();

        assertThatThrownBy(() -> d.update(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ewma cannot take the value " + bad + " at update 3: it reads a binary error stream: 1 for a wrong"
                        + " prediction, 0 for a right one; the value was not used");
        assertThat(d.toJson()).isEqualTo(before);
    }

    @Test
    void update_nan_refused() {
        EwmaChart d = EwmaChart.defaults();

        assertThatThrownBy(() -> d.update(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ewma cannot take the value NaN at update 0: it is not a finite number; the value was not used");
        assertThat(d.updates()).isZero();
    }

    @Test
    void reset_midStream_behavesAsANewDetector() {
        double[] stream = StreamDetectorChecks.bernoulli(4, 5000, 0.1, 0.4, 2500);
        EwmaChart used = EwmaChart.defaults();
        run(used, stream);

        used.reset();

        assertThat(used.toJson()).isEqualTo(EwmaChart.defaults().toJson());
        assertThat(run(used, stream)).isEqualTo(run(EwmaChart.defaults(), stream));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void toJson_restoredMidStream_continuesIdentically(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] stream = StreamDetectorChecks.bernoulli(seed, 5000, 0.05 + 0.2 * r.nextDouble(), 0.5, 1000 + r.nextInt(3000));
        int cut = r.nextInt(stream.length);

        StreamDetectorChecks.assertSnapshotContinues(EwmaChart::defaults, stream, cut);
    }

    @Test
    void toJson_goldenFile() {
        EwmaChart d = EwmaChart.defaults();
        run(d, StreamDetectorChecks.bernoulli(7, 45, 0.3, 0.3, 0));

        StreamDetectorChecks.assertGolden(d, "ewma-mid-run.json");
    }

    @Test
    void fromJson_hostileSnapshots_refusedWithPath() {
        EwmaChart d = EwmaChart.defaults();
        run(d, new double[] {1, 0, 1});

        assertRefused(d, t -> state(t).put("errors", 4), "$.state.errors", "must be in [0, 3], found 4");
        assertRefused(d, t -> state(t).put("ewma", 1.5), "$.state", "ewma must be in [0, 1], found 1.5");
        assertRefused(d, t -> state(t).put("ewma", "NaN"), "$.state", "ewma must be in [0, 1], found NaN");
        assertRefused(d, t -> state(t).remove("changed"), "$.state.changed", "missing");
        assertRefused(d, t -> t.put("signal", "ALARM"), "$.signal", "expected NONE, WARNING or DRIFT");
    }

    @Test
    void update_steadyState_allocatesNothing() {
        double[] stream = StreamDetectorChecks.bernoulli(13, 1 << 16, 0.2, 0.2, 0);

        long bytes = StreamDetectorChecks.allocatedBytes(EwmaChart.defaults(), stream, 200_000, 1_000_000);

        assertThat(bytes).isLessThan(1024);
    }
}
