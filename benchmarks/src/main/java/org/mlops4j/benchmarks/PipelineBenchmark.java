package org.mlops4j.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.mlops4j.Fingerprint;
import org.mlops4j.data.Column;
import org.mlops4j.data.ReadOptions;
import org.mlops4j.data.Table;
import org.mlops4j.model.Model;
import org.mlops4j.model.Predictions;
import org.mlops4j.model.TrainingContext;
import org.mlops4j.registry.Change;
import org.mlops4j.registry.Expected;
import org.mlops4j.registry.JavaSerializer;
import org.mlops4j.registry.ModelRegistry;
import org.mlops4j.registry.ModelVersion;
import org.mlops4j.registry.VersionDraft;
import org.mlops4j.registry.VersionRef;
import org.mlops4j.report.Status;
import org.mlops4j.training.Environment;
import org.mlops4j.training.RandomForestClassifierTrainer;
import org.mlops4j.training.TrainedModel;
import org.mlops4j.training.Training;
import org.mlops4j.training.pipeline.Pipeline;
import org.mlops4j.training.pipeline.PipelineRun;
import org.mlops4j.training.pipeline.PipelineSpec;
import org.mlops4j.training.pipeline.SplitSpec;
import org.mlops4j.training.pipeline.StepCache;
import org.mlops4j.training.selection.Split;
import org.mlops4j.training.selection.Splits;
import org.mlops4j.validation.Schema;
import org.mlops4j.validation.ValidationReport;
import org.mlops4j.validation.gate.GateReport;
import org.mlops4j.validation.gate.Outcome;
import org.mlops4j.validation.gate.QualityGate;
import org.mlops4j.validation.metrics.Evaluation;
import org.mlops4j.validation.metrics.Metric;
import org.mlops4j.validation.metrics.MetricInput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.math.MathEx;

/**
 * The training pipeline's own overhead over a bare fit (issue 8's target: under 5%), in the same
 * run on the same rows: seattle weather (vega-datasets 3.2.1, BSD-3-Clause) repeated {@link #copies}
 * times (5,844 rows at 4), a random forest of {@link #trees} trees (one thread), a stratified 75/25
 * split, seed 42.
 * <ul>
 *   <li>{@link #bareSmileFit}: Smile's {@code RandomForest.fit} alone, with the trainer's arguments,
 *       on a Smile data frame of the training rows built beforehand: the floor;</li>
 *   <li>{@link #bareTrainerFit}: the trainer's own fit (column mapping, Smile's fit, compiling the
 *       trees);</li>
 *   <li>{@link #bareTrainingFit}: {@code Training.fit}, the same plus the provenance the pipeline
 *       records (the training rows' fingerprint, 32 probe predictions);</li>
 *   <li>{@link #byHand}: the pipeline's work written by hand with the public API, one step after the
 *       other and nothing recorded: validate, split, fit, predict and score the test rows, load the
 *       champion and predict them, the gate (paired bootstrap of B = 1,000), serialize, register,
 *       move the alias;</li>
 *   <li>{@link #pipelineRun}: {@code Pipeline.run} on all rows with a filesystem registry and run store
 *       in a fresh temporary directory holding a champion (version 1, trained with another seed),
 *       caching off ({@code StepCache.none()}), the default executor: the same work, tracked (run
 *       and step records written durably), fingerprinted and keyed, with the champion's and the
 *       candidate's predictions run ahead on a second thread;</li>
 *   <li>the pipeline's parts, for attribution: {@link #partFingerprint} (the data's SHA-256),
 *       {@link #partValidate} (the schema), {@link #partSplit}, {@link #partSerializeSha256} (Java
 *       serialization of the trained forest and its SHA-256), {@link #partEvaluate} (predicting the
 *       test rows), {@link #partGate} (the gate against the champion's predictions).</li>
 * </ul>
 * Results and the ratios ({@code pipelineRun / bareSmileFit - 1}, {@code (pipelineRun - byHand) /
 * bareSmileFit}) in BENCHMARKS.md.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class PipelineBenchmark {
    static final String TARGET = "weather";
    static final long SEED = 42;

    /** How many times the 1,461 rows are repeated. */
    @Param("4")
    public int copies;

    /** Trees in the forest (500 is the trainer's and Smile's default). */
    @Param({"100", "500"})
    public int trees;

    Table data;
    PipelineSpec spec;
    Environment env;
    Table train;
    Table test;
    TrainingContext context;
    Model candidate;
    Model champion;
    Predictions championOnTest;
    Path template;
    DataFrame smileTrain;
    JavaSerializer<TrainedModel> serializer;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        data = seattle(copies);
        env = Environment.current();
        spec = spec(SEED);
        context = TrainingContext.of(SEED);
        // the pipeline's split: the spec's split with the context's "split" seed
        Split s = Splits.stratified(data, TARGET, 0.25, context.derive("split").seed());
        train = s.train();
        test = s.test();
        candidate = spec.trainer().fit(train, TARGET, context);
        // a registry holding a champion (version 1, another seed), copied for every pipeline run
        template = Files.createTempDirectory("mlops4j-pipeline-bench-");
        Pipeline first = Pipeline.builder(spec(SEED + 1)).directory(template).cache(StepCache.none()).build();
        ModelRegistry r = first.registry();
        try {
            PipelineRun run = first.run(data, "champion");
            if (!run.promoted()) {
                throw new IllegalStateException("the champion was not promoted: " + run);
            }
            champion = run.candidate().orElseThrow();
        } finally {
            r.close();
        }
        championOnTest = champion.predict(test.drop(TARGET));
        smileTrain = smileFrame(train);
        serializer = TrainedModel.serializer();
    }

    /** The training rows as Smile's data frame: the four numeric features and the label's code. */
    static DataFrame smileFrame(Table t) {
        String[] features = {"precipitation", "temp_max", "temp_min", "wind"};
        BaseVector<?, ?, ?>[] v = new BaseVector<?, ?, ?>[features.length + 1];
        for (int j = 0; j < features.length; j++) {
            Column c = t.column(features[j]);
            double[] x = new double[t.rowCount()];
            for (int r = 0; r < x.length; r++) {
                x[r] = ((Number) c.get(r)).doubleValue();
            }
            v[j] = DoubleVector.of(features[j], x);
        }
        Column y = t.column(TARGET);
        TreeMap<String, Integer> codes = new TreeMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            codes.putIfAbsent(String.valueOf(y.get(r)), 0);
        }
        int k = 0;
        for (Map.Entry<String, Integer> e : codes.entrySet()) {
            e.setValue(k++);
        }
        int[] labels = new int[t.rowCount()];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = codes.get(String.valueOf(y.get(r)));
        }
        v[features.length] = IntVector.of("y", labels);
        return DataFrame.of(v);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        delete(template);
    }

    PipelineSpec spec(long seed) {
        return PipelineSpec.builder().model("weather").target(TARGET)
                .trainer(RandomForestClassifierTrainer.defaults().withTrees(trees))
                .split(SplitSpec.stratified(0.25)).seed(seed)
                .schema(Schema.infer(data))
                .gate(gate())
                .build();
    }

    static QualityGate gate() {
        return QualityGate.builder()
                .require(Metric.ACCURACY).atLeast(0.6)
                .require(Metric.ACCURACY).notWorseThanBaselineBy(0.05)
                .missingBaseline(Outcome.SKIP)
                .build();
    }

    /** A fresh copy of the registry with its champion, for one pipeline run. */
    @State(Scope.Thread)
    public static class Fresh {
        Path dir;
        Pipeline pipeline;
        /** A new view of the rows, so the run computes the data's fingerprint as a first run does (a table caches it). */
        Table data;

        @Setup(Level.Invocation)
        public void setUp(PipelineBenchmark b) throws IOException {
            dir = Files.createTempDirectory("mlops4j-pipeline-run-");
            copy(b.template, dir);
            pipeline = Pipeline.builder(b.spec).directory(dir).cache(StepCache.none()).environment(b.env).build();
            data = b.data.slice(0, b.data.rowCount());
        }

        @TearDown(Level.Invocation)
        public void tearDown() {
            pipeline.registry().close();
            delete(dir);
        }
    }

    // ------------------------------------------------------------------------------- the comparison

    @Benchmark
    public RandomForest bareSmileFit() throws Exception {
        // the trainer's arguments (mtry 0 = Smile's floor(sqrt(p)), maxNodes rows / 5), on one thread
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            return pool.submit(() -> {
                MathEx.setSeed(SEED);
                return RandomForest.fit(Formula.lhs("y"), smileTrain, trees, 0, SplitRule.GINI, 20,
                        Math.max(2, smileTrain.size() / 5), 5, 1.0, null, LongStream.range(2, 2 + trees));
            }).get();
        } finally {
            pool.shutdown();
        }
    }

    @Benchmark
    public Model bareTrainerFit() {
        return spec.trainer().fit(train, TARGET, context);
    }

    @Benchmark
    public Model bareTrainingFit() {
        // a new view of the rows: Training.fit fingerprints them, and a table caches its fingerprint
        return Training.fit(spec.trainer(), train.slice(0, train.rowCount()), TARGET, context, env).model();
    }

    @Benchmark
    public PipelineRun pipelineRun(Fresh f) {
        PipelineRun run = f.pipeline.run(f.data, "benchmark");
        if (!run.promoted()) {
            throw new IllegalStateException("the run did not promote: " + run);
        }
        return run;
    }

    @Benchmark
    public ModelVersion byHand(Fresh f) throws IOException {
        return byHand(f.pipeline.registry(), f.data, what -> { });
    }

    /** Hears the end of each part of {@link #byHand(ModelRegistry, Table, Laps)}, by name. */
    interface Laps {
        void lap(String part);
    }

    /** The pipeline's work by hand on {@code data}, against the champion (version 1) in {@code r}. */
    ModelVersion byHand(ModelRegistry r, Table data, Laps laps) throws IOException {
        ValidationReport report = spec.schema().validate(data);
        if (report.status() == Status.FAIL) {
            throw new IllegalStateException(report.failureMessage());
        }
        laps.lap("validate");
        Split s = Splits.stratified(data, TARGET, 0.25, context.derive("split").seed());
        laps.lap("split");
        Model m = spec.trainer().fit(s.train(), TARGET, context);
        laps.lap("fit");
        Table testX = s.test().drop(TARGET);
        Predictions c = m.predict(testX);
        Evaluation ev = Evaluation.of(MetricInput.classification(s.test().column(TARGET), c),
                List.of(Metric.ACCURACY, Metric.MACRO_F1));
        laps.lap("predict and score the test rows");
        Model base = r.load(VersionRef.of("weather", 1), serializer);
        Predictions b = base.predict(testX);
        laps.lap("load and predict the champion");
        GateReport g = spec.gate().evaluate(c, b, s.test(), TARGET);
        if (g.status() == Status.FAIL) {
            throw new IllegalStateException(g.failureMessage());
        }
        laps.lap("gate");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(m);
        }
        laps.lap("serialize");
        ModelVersion v = r.register("weather", out.toByteArray(), VersionDraft.builder().serializerId("java")
                .metric("accuracy", ev.get(Metric.ACCURACY).value()).build(), Change.by("bench").because("by hand"));
        laps.lap("register");
        r.setAlias("weather", "champion", v.version(), Expected.version(1), Change.by("bench").because("gate passed"));
        laps.lap("move the alias");
        return v;
    }

    // ------------------------------------------------------------------------------- the parts

    @Benchmark
    public Fingerprint partFingerprint() {
        return data.slice(0, data.rowCount()).fingerprint();   // a new view: not the cached value
    }

    @Benchmark
    public ValidationReport partValidate() {
        return spec.schema().validate(data);
    }

    @Benchmark
    public Split partSplit() {
        return Splits.stratified(data, TARGET, 0.25, context.derive("split").seed());
    }

    @Benchmark
    public byte[] partSerializeSha256() throws IOException, NoSuchAlgorithmException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(candidate);
        }
        return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
    }

    @Benchmark
    public Predictions partEvaluate() {
        return candidate.predict(test.drop(TARGET));
    }

    @Benchmark
    public GateReport partGate() {
        return spec.gate().evaluate(candidate.predict(test.drop(TARGET)), championOnTest, test, TARGET);
    }

    // ------------------------------------------------------------------------------- helpers

    static Table seattle(int copies) {
        String csv;
        try (InputStream in = PipelineBenchmark.class.getResourceAsStream("/data/seattle-weather.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int nl = csv.indexOf('\n');
        String header = csv.substring(0, nl + 1);
        String body = csv.substring(nl + 1);
        if (!body.endsWith("\n")) {
            body += "\n";
        }
        StringBuilder b = new StringBuilder(header);
        for (int i = 0; i < copies; i++) {
            b.append(body);
        }
        try {
            return Table.readCsv(new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)),
                    "seattle-weather.csv", ReadOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
