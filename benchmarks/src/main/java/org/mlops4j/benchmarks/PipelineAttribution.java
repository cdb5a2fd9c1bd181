package org.mlops4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlops4j.data.Table;
import org.mlops4j.model.Model;
import org.mlops4j.model.Predictions;
import org.mlops4j.registry.Change;
import org.mlops4j.registry.Expected;
import org.mlops4j.registry.ModelRegistry;
import org.mlops4j.registry.ModelVersion;
import org.mlops4j.registry.VersionDraft;
import org.mlops4j.registry.VersionRef;
import org.mlops4j.report.Status;
import org.mlops4j.training.pipeline.Pipeline;
import org.mlops4j.training.pipeline.PipelineListener;
import org.mlops4j.training.pipeline.PipelineRun;
import org.mlops4j.training.pipeline.PipelineStep;
import org.mlops4j.training.pipeline.StepCache;
import org.mlops4j.training.pipeline.StepResult;
import org.mlops4j.training.selection.Split;
import org.mlops4j.training.selection.Splits;
import org.mlops4j.validation.ValidationReport;
import org.mlops4j.validation.gate.GateReport;
import org.mlops4j.validation.metrics.Evaluation;
import org.mlops4j.validation.metrics.Metric;
import org.mlops4j.validation.metrics.MetricInput;

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
            long t = t0;
            ValidationReport report = b.spec.schema().validate(data);
            if (report.status() == Status.FAIL) {
                throw new IllegalStateException(report.failureMessage());
            }
            t = lap(laps, "validate", t);
            Split s = Splits.stratified(data, PipelineBenchmark.TARGET, 0.25, b.context.derive("split").seed());
            t = lap(laps, "split", t);
            Model m = b.spec.trainer().fit(s.train(), PipelineBenchmark.TARGET, b.context);
            t = lap(laps, "fit", t);
            Table testX = s.test().drop(PipelineBenchmark.TARGET);
            Predictions c = m.predict(testX);
            Evaluation ev = Evaluation.of(MetricInput.classification(s.test().column(PipelineBenchmark.TARGET), c),
                    List.of(Metric.ACCURACY, Metric.MACRO_F1));
            t = lap(laps, "predict and score the test rows", t);
            Model base = r.load(VersionRef.of("weather", 1), b.serializer);
            Predictions bp = base.predict(testX);
            t = lap(laps, "load and predict the champion", t);
            GateReport g = b.spec.gate().evaluate(c, bp, s.test(), PipelineBenchmark.TARGET);
            if (g.status() == Status.FAIL) {
                throw new IllegalStateException(g.failureMessage());
            }
            t = lap(laps, "gate", t);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(out)) {
                o.writeObject(m);
            }
            t = lap(laps, "serialize", t);
            ModelVersion v = r.register("weather", out.toByteArray(), VersionDraft.builder().serializerId("java")
                    .metric("accuracy", ev.get(Metric.ACCURACY).value()).build(), Change.by("bench").because("by hand"));
            t = lap(laps, "register", t);
            r.setAlias("weather", "champion", v.version(), Expected.version(1), Change.by("bench").because("passed"));
            t = lap(laps, "move the alias", t);
            laps.put("total", (t - t0) / 1e6);
            return laps;
        } finally {
            PipelineBenchmark.delete(dir);
        }
    }

    private static long lap(Map<String, Double> laps, String what, long since) {
        long now = System.nanoTime();
        laps.put(what, (now - since) / 1e6);
        return now;
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
