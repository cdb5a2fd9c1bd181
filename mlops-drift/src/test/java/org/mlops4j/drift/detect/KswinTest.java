package org.mlops4j.drift.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mlops4j.drift.detect.DetectorContractChecks.concat;
import static org.mlops4j.drift.detect.DetectorContractChecks.repeat;
import static org.mlops4j.drift.detect.StreamDetectorChecks.assertRefused;
import static org.mlops4j.drift.detect.StreamDetectorChecks.run;
import static org.mlops4j.drift.detect.StreamDetectorChecks.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlops4j.internal.Json;

/**
 * KSWIN with river's rule. The oracle is mlops-drift/src/test/python/kswin_oracle.py: river's rule with
 * scipy's ks_2samp and SplittableRandom's draws reimplemented in Python; its fixtures are in
 * src/test/resources/kswin. Alarm indices must match exactly, p-values to 1e-9 absolute.
 */
class KswinTest {
    private static final double P_TOLERANCE = 1e-9;

    private static Kswin kswin(double alpha, double window, double stat, double seed) {
        return (Kswin) ChangeDetectors.create("kswin",
                Map.of("alpha", alpha, "windowSize", window, "statSize", stat, "seed", seed));
    }

    @Test
    void defaults_equalRiver() {
        // GIVEN river's drift.KSWIN(alpha=0.005, window_size=100, stat_size=30); seed 0 is ours
        Kswin d = Kswin.defaults();

        assertThat(d.kind()).isEqualTo("kswin");
        assertThat(d.parameters()).containsExactly(Map.entry("alpha", 0.005), Map.entry("windowSize", 100.0),
                Map.entry("statSize", 30.0), Map.entry("seed", 0.0));
        assertThat(d.estimate()).isNaN();
        assertThat(d.pValue()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gauss_shift", "gauss_stationary", "ties_shift", "variance_small_window", "t3_big_stat"})
    void update_oracleStreams_matchThePythonOracle(String name) throws IOException {
        // GIVEN the oracle's stream, parameters, drift indices and the p-value of every test it ran
        JsonNode doc = Json.mapper().readTree(DetectorContractChecks.resource("/kswin/" + name + ".json"));
        Map<String, Double> params = new LinkedHashMap<>();
        doc.get("parameters").properties().forEach(e -> params.put(e.getKey(), e.getValue().doubleValue()));
        Kswin d = (Kswin) ChangeDetectors.create("kswin", params);
        Map<Integer, Double> expectedP = new LinkedHashMap<>();
        for (JsonNode pair : doc.get("pValues")) {
            expectedP.put(pair.get(0).intValue(), pair.get(1).doubleValue());
        }
        List<Integer> expectedDrifts = new ArrayList<>();
        doc.get("drifts").forEach(n -> expectedDrifts.add(n.intValue()));
        JsonNode stream = doc.get("stream");

        // WHEN it is fed to the detector
        List<Integer> drifts = new ArrayList<>();
        int tests = 0;
        for (int i = 0; i < stream.size(); i++) {
            if (d.update(stream.get(i).doubleValue()) == Signal.DRIFT) {
                drifts.add(i);
            }
            Double p = expectedP.get(i);
            if (p != null) {
                tests++;
                assertThat(d.pValue()).as("%s p-value at %d", name, i).isCloseTo(p, org.assertj.core.data.Offset.offset(P_TOLERANCE));
            } else if (d.windowSize() < params.get("windowSize")) {
                assertThat(d.signal()).isEqualTo(Signal.NONE);
            }
        }

        // THEN the same drifts, and a test at exactly the oracle's updates
        assertThat(drifts).isEqualTo(expectedDrifts);
        assertThat(tests).isEqualTo(expectedP.size());
        assertThat(expectedDrifts).isNotEmpty();
    }

    @Test
    void update_twoSeparatedHalves_driftsOnTheFirstFullWindow() {
        // GIVEN windowSize 12, statSize 6: the 6 older positions are all drawn whatever the generator says.
        // 6 zeros then 6 ones: at index 11 D = 1, exact p = 2 / C(12, 6) = 0.0021645 <= 0.005 -> DRIFT at 11
        Kswin d = kswin(0.005, 12, 6, 0);

        StreamDetectorChecks.Alarms a = run(d, concat(repeat(0, 6), repeat(1, 6)));

        assertThat(a.drifts()).containsExactly(11);
        assertThat(d.pValue()).isCloseTo(2.0 / 924, org.assertj.core.data.Offset.offset(1e-15));
        // THEN the window keeps the 6 most recent values (all ones) until the next update restarts it
        assertThat(d.windowSize()).isEqualTo(6);
        assertThat(d.estimate()).isEqualTo(1.0);
        assertThat(d.update(5)).isEqualTo(Signal.NONE);
        assertThat(d.windowSize()).isEqualTo(1);
        assertThat(d.estimate()).isEqualTo(5.0);
        assertThat(d.pValue()).isNaN();
    }

    @Test
    void update_oneOverlappingValue_isNotSignificant() {
        // GIVEN 5 zeros, a one, then 6 ones: D = 5/6, exact p = 0.025974 > 0.005 -> no drift
        Kswin d = kswin(0.005, 12, 6, 0);

        StreamDetectorChecks.Alarms a = run(d, concat(repeat(0, 5), repeat(1, 7)));

        assertThat(a.drifts()).isEmpty();
        assertThat(d.pValue()).isCloseTo(0.025974025974025972, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void update_pValueEqualToAlpha_drifts() {
        // river's rule is p <= alpha: alpha equal to the p-value of the separated halves alarms, one ulp below does not
        Kswin probe = kswin(0.005, 12, 6, 0);
        run(probe, concat(repeat(0, 6), repeat(1, 6)));
        double p = probe.pValue();

        assertThat(run(kswin(p, 12, 6, 0), concat(repeat(0, 6), repeat(1, 6))).drifts()).containsExactly(11);
        assertThat(run(kswin(Math.nextDown(p), 12, 6, 0), concat(repeat(0, 6), repeat(1, 6))).drifts()).isEmpty();
    }

    @Test
    void update_statisticAtMostPointOne_neverDrifts() {
        // GIVEN alpha 1, so every p-value passes the p <= alpha half of the rule
        // a constant stream: D = 0; 59 threes then a four: D = 1/30 <= 0.1: no drift
        assertThat(run(kswin(1, 60, 30, 0), repeat(3, 500)).drifts()).isEmpty();
        assertThat(run(kswin(1, 60, 30, 0), concat(repeat(3, 59), new double[] {4})).drifts()).isEmpty();
        // 56 threes then 4 fours: D = 4/30 > 0.1 -> DRIFT on the first full window (index 59)
        assertThat(run(kswin(1, 60, 30, 0), concat(repeat(3, 56), repeat(4, 4))).drifts()).containsExactly(59);
    }

    @Test
    void update_sameSeed_sameAlarms_otherSeed_otherDraws() {
        double[] stream = StreamDetectorChecks.gaussian(31, 3000, 0.8, 1500);

        assertThat(run(kswin(0.005, 100, 30, 5), stream)).isEqualTo(run(kswin(0.005, 100, 30, 5), stream));
        Kswin a = kswin(0.005, 100, 30, 5);
        Kswin b = kswin(0.005, 100, 30, 6);
        int differ = 0;
        for (int i = 0; i < 400; i++) {
            a.update(stream[i]);
            b.update(stream[i]);
            if (i >= 99 && a.pValue() != b.pValue()) {
                differ++;
            }
        }
        assertThat(differ).isGreaterThan(100);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "alpha; 1.5; kswin: parameter alpha must be in [0, 1], got 1.5",
        "alpha; NaN; kswin: parameter alpha must be in [0, 1], got NaN",
        "statSize; 0; kswin: parameter statSize must be a whole number in [1, 4096], got 0.0",
        "statSize; 5000; kswin: parameter statSize must be a whole number in [1, 4096], got 5000.0",
        "windowSize; 59; kswin: parameter windowSize must be a whole number in [2 * statSize, 10000000] = [60, 10000000], got 59.0",
        "windowSize; 2.5; kswin: parameter windowSize must be a whole number, got 2.5",
        "seed; 1e10; kswin: parameter seed must be a whole number, got 1.0E10"})
    void create_outOfRange_refusedWithMessage(String name, double value, String message) {
        assertThatThrownBy(() -> ChangeDetectors.create("kswin", Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void update_nonFinite_refusedAndStateUnchanged(double bad) {
        Kswin d = Kswin.defaults();
        run(d, StreamDetectorChecks.gaussian(2, 150, 0, 0));
        String before = d.toJson();

        assertThatThrownBy(() -> d.update(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kswin cannot take the value " + bad + " at update 150: it is not a finite number; the value was not used");
        assertThat(d.toJson()).isEqualTo(before);
    }

    @Test
    void estimate_isTheWindowMean() {
        Kswin d = kswin(0.005, 100, 30, 0);
        double[] stream = StreamDetectorChecks.gaussian(9, 250, 0, 0);
        run(d, stream);

        double sum = 0;
        for (int i = 150; i < 250; i++) {
            sum += stream[i];
        }
        assertThat(d.windowSize()).isEqualTo(100);
        assertThat(d.estimate()).isCloseTo(sum / 100, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void reset_midStream_behavesAsANewDetector() {
        double[] stream = StreamDetectorChecks.gaussian(6, 2000, 1.5, 1000);
        Kswin used = Kswin.defaults();
        run(used, stream);

        used.reset();

        assertThat(used.toJson()).isEqualTo(Kswin.defaults().toJson());
        assertThat(run(used, stream)).isEqualTo(run(Kswin.defaults(), stream));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void toJson_restoredMidStream_continuesIdenticallyWithTheGeneratorState(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] stream = StreamDetectorChecks.gaussian(seed, 1500, 1 + r.nextDouble(), 300 + r.nextInt(900));
        int cut = r.nextInt(stream.length);
        double stat = 5 + r.nextInt(20);
        double window = 2 * stat + r.nextInt(40);

        StreamDetectorChecks.assertSnapshotContinues(() -> kswin(0.01, window, stat, seed), stream, cut);
    }

    @Test
    void toJson_rightAfterADrift_restoresThePendingRestart() {
        double[] stream = concat(repeat(0, 6), repeat(1, 6), repeat(2, 14));
        for (int cut = 9; cut <= 14; cut++) {
            StreamDetectorChecks.assertSnapshotContinues(() -> kswin(0.005, 12, 6, 3), stream, cut);
        }
    }

    @Test
    void toJson_goldenFile() {
        Kswin d = kswin(0.05, 8, 3, 11);
        run(d, new double[] {0.5, -1.25, 2, 0.75, 3.5, 1, -0.5, 4, 2.25, 0.125});

        StreamDetectorChecks.assertGolden(d, "kswin-full-window.json");
    }

    @Test
    void fromJson_hostileSnapshots_refusedWithPath() {
        Kswin d = kswin(0.05, 8, 3, 11);
        run(d, new double[] {0.5, -1.25, 2, 0.75, 3.5, 1, -0.5, 4, 2.25, 0.125});

        assertRefused(d, t -> state(t).putArray("window").add(1).add(2).add(3).add(4).add(5).add(6).add(7).add(8).add(9),
                "$.state", "window holds 9 values but windowSize is 8");
        assertRefused(d, t -> state(t).putArray("window").add(1).add("Infinity"), "$.state.window[1]",
                "expected a finite number, found Infinity");
        assertRefused(d, t -> state(t).putArray("window").add(1).add(true), "$.state.window[1]",
                "expected a number, found boolean");
        assertRefused(d, t -> state(t).put("random", 1.5), "$.state.random", "expected a whole number, found 1.5");
        assertRefused(d, t -> state(t).put("pValue", 2.0), "$.state", "pValue must be NaN or in [0, 1], found 2.0");
        assertRefused(d, t -> state(t).put("changed", true), "$.state",
                "after a drift the window holds statSize = 3 values, found 8");
    }

    @Test
    void update_steadyState_allocatesNothing() {
        double[] stream = StreamDetectorChecks.gaussian(15, 1 << 16, 0, Integer.MAX_VALUE);

        long bytes = StreamDetectorChecks.allocatedBytes(Kswin.defaults(), stream, 100_000, 300_000);

        assertThat(bytes).isLessThan(1024);
    }
}
