package org.mlops4j.drift.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mlops4j.internal.Json;

/**
 * Checks the detectors PageHinkley, Cusum, EwmaChart, Stepd and Kswin share in their tests: running a
 * stream, snapshot-and-continue, allocation per update, hostile snapshots, golden files. Streams are
 * built with {@link DetectorContractChecks#repeat} and {@link DetectorContractChecks#concat}.
 */
final class StreamDetectorChecks {
    private StreamDetectorChecks() {}

    /** What a detector said on a stream: the indices of its drifts and warnings. */
    record Alarms(List<Integer> drifts, List<Integer> warnings) {}

    static Alarms run(ChangeDetector d, double[] stream) {
        List<Integer> drifts = new ArrayList<>();
        List<Integer> warnings = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            Signal s = d.update(stream[i]);
            if (s == Signal.DRIFT) {
                drifts.add(i);
            } else if (s == Signal.WARNING) {
                warnings.add(i);
            }
        }
        return new Alarms(drifts, warnings);
    }

    /** Bernoulli(p) then Bernoulli(q) from index {@code change}, seeded. */
    static double[] bernoulli(long seed, int n, double p, double q, int change) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble() < (i < change ? p : q) ? 1.0 : 0.0;
        }
        return a;
    }

    /** N(0, 1) then N(shift, 1) from index {@code change}, seeded (Box-Muller on SplittableRandom). */
    static double[] gaussian(long seed, int n, double shift, int change) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 1.0 - r.nextDouble();
            double v = r.nextDouble();
            a[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) + (i < change ? 0 : shift);
        }
        return a;
    }

    /**
     * Runs {@code stream} through an uninterrupted detector and through one snapshotted and restored
     * (from its JSON) after {@code cut} values; both must agree on every signal, estimate, window size
     * and update count, and end with the same snapshot text.
     */
    static void assertSnapshotContinues(Supplier<AbstractDetector> factory, double[] stream, int cut) {
        AbstractDetector straight = factory.get();
        AbstractDetector first = factory.get();
        for (int i = 0; i < cut; i++) {
            straight.update(stream[i]);
            first.update(stream[i]);
        }
        String json = first.toJson();
        AbstractDetector restored = ChangeDetectors.fromJson(json);
        assertThat(restored.getClass()).isEqualTo(straight.getClass());
        assertThat(restored.toJson()).isEqualTo(json);
        assertThat(restored.signal()).isEqualTo(straight.signal());
        assertThat(restored.updates()).isEqualTo(straight.updates());
        for (int i = cut; i < stream.length; i++) {
            Signal expected = straight.update(stream[i]);
            Signal actual = restored.update(stream[i]);
            assertThat(actual).as("signal at %d (cut at %d)", i, cut).isEqualTo(expected);
            assertThat(Double.doubleToLongBits(restored.estimate())).as("estimate at %d (cut at %d)", i, cut)
                    .isEqualTo(Double.doubleToLongBits(straight.estimate()));
            assertThat(restored.windowSize()).as("window size at %d", i).isEqualTo(straight.windowSize());
        }
        assertThat(restored.updates()).isEqualTo(straight.updates());
        assertThat(restored.toJson()).isEqualTo(straight.toJson());
    }

    /**
     * The bytes this thread allocates while {@code updates} values of {@code stream} (cycled) are fed,
     * after {@code warmUp} values to let the JIT compile the update path.
     */
    static long allocatedBytes(ChangeDetector d, double[] stream, int warmUp, int updates) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        int n = stream.length;
        int sink = 0;
        for (int i = 0; i < warmUp; i++) {
            sink += d.update(stream[i % n]).ordinal();
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < updates; i++) {
            sink += d.update(stream[i % n]).ordinal();
        }
        long after = mx.getThreadAllocatedBytes(tid);
        assertThat(sink).isGreaterThanOrEqualTo(0);
        return after - before;
    }

    /** A detector's snapshot after some values, as a mutable tree. */
    static ObjectNode snapshotTree(AbstractDetector d) {
        try {
            return (ObjectNode) Json.mapper().readTree(d.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that the snapshot, changed by {@code edit}, is refused at {@code path} with {@code problem}. */
    static void assertRefused(AbstractDetector d, Consumer<ObjectNode> edit, String path, String problem) {
        ObjectNode tree = snapshotTree(d);
        edit.accept(tree);
        String text = Json.write(tree);
        assertThatThrownBy(() -> ChangeDetectors.fromJson(text))
                .isInstanceOf(DetectorFormatException.class)
                .hasMessage(path + ": " + problem)
                .satisfies(e -> assertThat(((DetectorFormatException) e).path()).isEqualTo(path));
    }

    static ObjectNode state(JsonNode root) {
        return (ObjectNode) root.get("state");
    }

    /**
     * The golden file {@code /detect/<name>} holds exactly the snapshot of {@code d}; restoring it gives
     * a detector whose snapshot is the same text. Set -Dmlops.regenerate=true to print the text instead.
     */
    static void assertGolden(AbstractDetector d, String name) {
        String json = d.toJson();
        if (Boolean.getBoolean("mlops.regenerate")) {
            try {
                java.nio.file.Path p = java.nio.file.Path.of("src/test/resources/detect", name);
                java.nio.file.Files.writeString(p, json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String golden = DetectorContractChecks.resource("/detect/" + name);
        assertThat(json).isEqualTo(golden);
        assertThat(ChangeDetectors.fromJson(golden).toJson()).isEqualTo(golden);
    }
}
