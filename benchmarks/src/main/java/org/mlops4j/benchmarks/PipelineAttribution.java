package org.mlops4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mlops4j.data.Table;
import org.mlops4j.registry.ModelRegistry;
import org.mlops4j.training.pipeline.Pipeline;
import org.mlops4j.training.pipeline.PipelineListener;
import org.mlops4j.training.pipeline.PipelineRun;
import org.mlops4j.training.pipeline.PipelineStep;
import org.mlops4j.training.pipeline.StepCache;
import org.mlops4j.training.pipeline.StepResult;

/**
 * Where a pipeline run's time goes, step by step, beside the same work written by hand: the
 * complement of {@link PipelineBenchmark}'s totals. Runs {@code PipelineBenchmark}'s set-up (seattle
 * weather x 4, a random forest, a champion in a filesystem registry), then alternately a pipeline
 * run (a listener times each step on the wall clock; "outside the steps" is the rest of
 * {@code Pipeline.run}: the run's creation, the data's fingerprint, reading the champion's version,
 * cache keys and the run's end) and the by-hand sequence (each part timed), each in a fresh copy of
 * the registry; prints the means over the second half of the runs as a Markdown table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.mlops4j.benchmarks.PipelineAttribution 100 40
 * </pre>
 * (arguments: trees, runs). Wall-clock means of one JVM: indicative, for attribution; the totals
 * are {@code PipelineBenchmark}'s.
 */
public final class PipelineAttribution {
    private PipelineAttribution() {}

    public static void main(String[] args) throws Exception {
        int trees = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(report(4, trees, runs));
    }

    /** The tables for seattle weather repeated {@code copies} times, a forest of {@code trees}, {@code runs} runs of each. */
    static String report(int copies, int trees, int runs) throws IOException {
        PipelineBenchmark b = new PipelineBenchmark();
        b.copies = copies;
        b.trees = trees;
        b.setUp();
        Map<String, double[]> pipeline = new LinkedHashMap<>();
        Map<String, double[]> byHand = new LinkedHashMap<>();
        try {
            for (int i = 0; i < runs; i++) {
                boolean keep = i >= runs / 2;
                add(pipeline, pipelineRun(b), keep);
                add(byHand, byHand(b), keep);
            }
        } finally {
            b.tearDown();
        }
        int kept = runs - runs / 2;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "trees %d, %d runs kept of %d, ms per run (mean)%n%n", trees, kept, runs));
        print(out, "Pipeline.run", pipeline, kept);
        out.append(System.lineSeparator());
        print(out, "by hand", byHand, kept);
        return out.toString();
    }

    private static Map<String, Double> pipelineRun(PipelineBenchmark b) throws IOException {
        Path dir = Files.createTempDirectory("mlops4j-attribution-");
        PipelineBenchmark.copy(b.template, dir);
        Map<PipelineStep, Long> started = new EnumMap<>(PipelineStep.class);
        Map<String, Double> laps = new LinkedHashMap<>();
        PipelineListener timing = new PipelineListener() {
            @Override
            public void stepStarted(String runId, PipelineStep step) {
                started.put(step, System.nanoTime());
            }

            @Override
            public void stepFinished(String runId, StepResult result) {
                Long t = started.get(result.step());
                if (t != null) {
                    laps.put(result.step().name(), (System.nanoTime() - t) / 1e6);
                }
            }
        };
        Pipeline p = Pipeline.builder(b.spec).directory(dir).cache(StepCache.none()).environment(b.env)
                .listener(timing).build();
        try {
            Table data = b.data.slice(0, b.data.rowCount());
            long t0 = System.nanoTime();
            PipelineRun run = p.run(data, "attribution");
            double total = (System.nanoTime() - t0) / 1e6;
            if (!run.promoted()) {
                throw new IllegalStateException("the run did not promote: " + run);
            }
            double steps = laps.values().stream().mapToDouble(Double::doubleValue).sum();
            laps.put("outside the steps", total - steps);
            laps.put("total", total);
            return laps;
        } finally {
            p.registry().close();
            PipelineBenchmark.delete(dir);
        }
    }

    private static Map<String, Double> byHand(PipelineBenchmark b) throws IOException {
        Path dir = Files.createTempDirectory("mlops4j-attribution-");
        PipelineBenchmark.copy(b.template, dir);
        Map<String, Double> laps = new LinkedHashMap<>();
        try (ModelRegistry r = ModelRegistry.filesystem(dir.resolve("registry"))) {
            Table data = b.data.slice(0, b.data.rowCount());
            long t0 = System.nanoTime();
            long[] last = {t0};
            b.byHand(r, data, part -> {
                long now = System.nanoTime();
                laps.put(part, (now - last[0]) / 1e6);
                last[0] = now;
            });
            laps.put("total", (last[0] - t0) / 1e6);
            return laps;
        } finally {
            PipelineBenchmark.delete(dir);
        }
    }

    private static void add(Map<String, double[]> sums, Map<String, Double> laps, boolean keep) {
        if (keep) {
            laps.forEach((k, v) -> sums.computeIfAbsent(k, x -> new double[1])[0] += v);
        }
    }

    private static void print(StringBuilder out, String title, Map<String, double[]> sums, int n) {
        out.append(String.format(Locale.ROOT, "| %s | ms |%n| --- | ---: |%n", title));
        sums.forEach((k, v) -> out.append(String.format(Locale.ROOT, "| %s | %.2f |%n", k, v[0] / n)));
    }
}
