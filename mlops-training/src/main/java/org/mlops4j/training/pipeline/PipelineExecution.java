package org.mlops4j.training.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.mlops4j.Fingerprint;
import org.mlops4j.data.Column;
import org.mlops4j.data.ColumnType;
import org.mlops4j.data.Table;
import org.mlops4j.internal.Checks;
import org.mlops4j.internal.Json;
import org.mlops4j.model.Model;
import org.mlops4j.model.Predictions;
import org.mlops4j.model.Task;
import org.mlops4j.model.TrainingContext;
import org.mlops4j.registry.AliasConflictException;
import org.mlops4j.registry.Change;
import org.mlops4j.registry.Expected;
import org.mlops4j.registry.ModelRegistry;
import org.mlops4j.registry.ModelSerializer;
import org.mlops4j.registry.ModelVersion;
import org.mlops4j.registry.VersionDraft;
import org.mlops4j.registry.VersionRef;
import org.mlops4j.report.Status;
import org.mlops4j.training.Environment;
import org.mlops4j.training.TabularTrainer;
import org.mlops4j.training.TrainedModel;
import org.mlops4j.training.Training;
import org.mlops4j.training.TrainingResult;
import org.mlops4j.training.selection.Split;
import org.mlops4j.training.tracking.ActiveRun;
import org.mlops4j.training.tracking.ArtifactRef;
import org.mlops4j.training.tracking.Run;
import org.mlops4j.training.tracking.StepOutcome;
import org.mlops4j.training.tracking.StepRecord;
import org.mlops4j.validation.ValidationReport;
import org.mlops4j.validation.gate.GateReport;
import org.mlops4j.validation.metrics.Evaluation;
import org.mlops4j.validation.metrics.Metric;
import org.mlops4j.validation.metrics.MetricInput;
import org.mlops4j.validation.metrics.MetricValue;

/** One run of a {@link Pipeline}: the steps in order, each recorded. Used by one thread, once. */
final class PipelineExecution {
    private static final String ACTOR = "mlops4j-pipeline";
    /** Parts the candidate's test predictions are split into, so two threads can share them. */
    private static final int PREDICTION_PARTS = 4;

    private final PipelineSpec spec;
    private final ModelRegistry registry;
    private final ActiveRun run;
    private final StepCache cache;
    private final Environment env;
    private final ModelSerializer<Model> serializer;
    private final PipelineListener listener;
    private final Executor executor;
    private final Clock clock;
    private final String reason;
    private final List<StepResult> results = new ArrayList<>();

    private OptionalInt champion = OptionalInt.empty();
    private ModelVersion championVersion;
    private GateReport gateReport;
    private OptionalInt registered = OptionalInt.empty();
    private boolean promoted;
    private Model candidate;
    /** The candidate's predictions of the test rows made by EVALUATE, reused by the gate (null on a cache hit). */
    private Predictions candidateOnTest;
    private byte[] candidateBytes;
    private Fingerprint candidateSha256;
    /**
     * The candidate's predictions of the test rows in consecutive parts, started when TRAIN has the
     * model, run ahead on the executor (EVALUATE runs the parts no thread has started).
     */
    private List<RunAhead<Predictions>> candidateScores;
    private boolean identicalToChampion;
    /** The champion loaded and its predictions of the test rows, started after SPLIT, run ahead on the executor. */
    private RunAhead<ChampionScores> championScores;

    /** A step's failure: its reason in words. */
    private static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** How a step that did not fail ended. */
    private static final class Done {
        final StepOutcome outcome;
        final boolean cached;
        final String reason;

        Done(StepOutcome outcome, boolean cached, String reason) {
            this.outcome = outcome;
            this.cached = cached;
            this.reason = reason;
        }
    }

    private interface Body {
        Done run() throws StepFailed;
    }

    PipelineExecution(PipelineSpec spec, ModelRegistry registry, ActiveRun run, StepCache cache, Environment env,
            ModelSerializer<Model> serializer, PipelineListener listener, Executor executor, Clock clock,
            String reason) {
        this.spec = spec;
        this.registry = registry;
        this.run = run;
        this.cache = cache;
        this.env = env;
        this.serializer = serializer;
        this.listener = listener;
        this.executor = executor;
        this.clock = clock;
        this.reason = reason;
    }

    PipelineRun run(Table data) {
        Fingerprint dataFp = data.fingerprint();
        Map<String, String> params = new TreeMap<>();
        params.put("alias", spec.alias());
        params.put("target", spec.target());
        params.put("trainer", spec.trainer().name());
        new TreeMap<>(spec.trainer().configuration()).forEach((k, v) -> params.put("trainer." + k, v));
        params.put("split", spec.split().toString());
        params.put("seed", Long.toString(spec.seed()));
        params.put("promote", Boolean.toString(spec.promote()));
        run.saveAtStepsOnly();                    // one durable write per step, not per recorded fact
        run.parameters(params);
        run.tag("mlops4j", env.mlops4j());
        run.tag("smile", env.smile());
        run.data("data", dataFp);
        try {
            if (registry.model(spec.model()).isPresent()) {
                champion = registry.aliasTarget(spec.model(), spec.alias());
            }
        } catch (RuntimeException e) {
            return fail(PipelineStep.VALIDATE, null, "the registry could not be read before the run: " + message(e));
        }
        run.tag("champion.before", champion.isPresent() ? Integer.toString(champion.getAsInt()) : "none");

        TrainingContext context = TrainingContext.of(spec.seed(), clock);
        Fingerprint kValidate = CacheKeys.validate(dataFp, spec.schema().toJson(), env);
        if (!step(PipelineStep.VALIDATE, kValidate, () -> validate(data, kValidate))) {
            return finishFailed();
        }
        Fingerprint kSplit = CacheKeys.split(kValidate, spec);
        Split[] split = new Split[1];
        if (!step(PipelineStep.SPLIT, kSplit, () -> {
            split[0] = split(data, context);
            return new Done(StepOutcome.SUCCEEDED, false, String.format(Locale.ROOT, "%d training rows, %d test rows",
                    split[0].train().rowCount(), split[0].test().rowCount()));
        })) {
            return finishFailed();
        }
        scoreChampionAhead(split[0].test());
        try {
            return afterSplit(split[0], context, kSplit);
        } finally {
            // not needed any more (a failed step, an identical candidate): never run, or finish unread
            if (championScores != null) {
                championScores.cancel();
            }
            if (candidateScores != null) {
                candidateScores.forEach(RunAhead::cancel);
            }
        }
    }

    private PipelineRun afterSplit(Split split, TrainingContext context, Fingerprint kSplit) {
        Fingerprint kTrain = CacheKeys.train(kSplit, spec, env);
        if (!step(PipelineStep.TRAIN, kTrain, () -> train(split.train(), split.test(), context, kTrain))) {
            return finishFailed();
        }
        List<Metric> metrics = metrics(candidate.task());
        Fingerprint kEval = CacheKeys.evaluate(kTrain, metrics);
        if (!step(PipelineStep.EVALUATE, kEval, () -> evaluate(split.test(), metrics, kEval))) {
            return finishFailed();
        }
        Fingerprint kGate;
        try {
            if (champion.isPresent()) {
                championVersion = registry.version(spec.model(), champion.getAsInt());
                identicalToChampion = championVersion.sha256().equals(candidateSha256);
            }
            kGate = CacheKeys.gate(kEval, gateText(), championVersion);
        } catch (RuntimeException e) {
            return fail(PipelineStep.GATE, null, "the champion (version " + champion.getAsInt() + " of "
                    + Checks.quote(spec.model()) + ") could not be read: " + message(e));
        }
        if (!step(PipelineStep.GATE, kGate, () -> gate(split.test()))) {
            return finishFailed();
        }
        Fingerprint kRegister = CacheKeys.register(kGate, spec.model());
        if (!step(PipelineStep.REGISTER, kRegister, this::register)) {
            return finishFailed();
        }
        Fingerprint kPromote = CacheKeys.promote(kRegister, spec.alias(), champion);
        if (!step(PipelineStep.PROMOTE, kPromote, this::promote)) {
            return finishFailed();
        }
        return result(run.finish());
    }

    // ------------------------------------------------------------------------------------ steps

    private Done validate(Table data, Fingerprint key) throws StepFailed {
        if (cache.get(PipelineStep.VALIDATE, key).isPresent()) {
            return new Done(StepOutcome.SUCCEEDED, true, "the same data passed the same schema before");
        }
        ValidationReport report = spec.schema().validate(data);
        if (report.status() == Status.FAIL) {
            throw new StepFailed("the data does not satisfy the schema: " + report.failureMessage());
        }
        cache.put(PipelineStep.VALIDATE, key, report.toJson().getBytes(StandardCharsets.UTF_8));
        return new Done(StepOutcome.SUCCEEDED, false, report.status() == Status.WARN
                ? "passed with warnings (" + report.problems().size() + " rules)" : "");
    }

    private Split split(Table data, TrainingContext context) throws StepFailed {
        Split s = spec.split().apply(data, spec.target(), context.derive("split").seed());
        if (isClassification(data)) {
            Map<String, Integer> all = classCounts(data.column(spec.target()));
            Map<String, Integer> train = classCounts(s.train().column(spec.target()));
            List<String> empty = new ArrayList<>();
            for (Map.Entry<String, Integer> e : all.entrySet()) {
                if (!train.containsKey(e.getKey())) {
                    empty.add(String.format(Locale.ROOT, "'%s' (%d rows, all on the test side)", e.getKey(),
                            e.getValue()));
                }
            }
            if (!empty.isEmpty()) {
                throw new StepFailed("the split " + spec.split() + " leaves no training rows of class "
                        + String.join(", ", empty) + "; use a stratified split, another cutoff, or more data");
            }
        }
        return s;
    }

    private Done train(Table train, Table test, TrainingContext context, Fingerprint key) throws StepFailed {
        Optional<byte[]> hit = cache.get(PipelineStep.TRAIN, key);
        if (hit.isPresent()) {
            try {
                candidate = serializer.read(new ByteArrayInputStream(hit.get()));
                candidateBytes = hit.get();
                candidateSha256 = Fingerprint.ofBytes(candidateBytes);
                predictAhead(test);
                run.artifact("model", ArtifactRef.of(candidateSha256, candidateBytes.length));
                return new Done(StepOutcome.SUCCEEDED, true, "the same inputs trained this model before");
            } catch (IOException | RuntimeException e) {
                // an unreadable entry is a miss: retrain below
            }
        }
        TrainingResult r;
        try {
            r = Training.fit(spec.trainer(), train, spec.target(), context, env);
        } catch (RuntimeException e) {
            throw new StepFailed("trainer " + Checks.quote(spec.trainer().name()) + " failed: " + message(e));
        }
        candidate = r.model();
        predictAhead(test);                       // EVALUATE's predictions, beside the serialization below
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            serializer.write(candidate, out);
        } catch (IOException | RuntimeException e) {
            throw new StepFailed("the model could not be serialized: " + message(e));
        }
        candidateBytes = out.toByteArray();
        candidateSha256 = Fingerprint.ofBytes(candidateBytes);
        run.artifact("model", ArtifactRef.of(candidateSha256, candidateBytes.length));
        run.tag("provenance.identity", r.provenance().identity().toString());
        cache.put(PipelineStep.TRAIN, key, candidateBytes);
        return new Done(StepOutcome.SUCCEEDED, false, "");
    }

    private Done evaluate(Table test, List<Metric> metrics, Fingerprint key) throws StepFailed {
        Optional<byte[]> hit = cache.get(PipelineStep.EVALUATE, key);
        if (hit.isPresent()) {
            Map<String, Double> values = readMetrics(hit.get());
            if (values != null) {
                values.forEach(run::metric);
                return new Done(StepOutcome.SUCCEEDED, true, "the same model was evaluated on the same rows before");
            }
        }
        Evaluation ev;
        try {
            candidateOnTest = candidatePredictions(test);
            MetricInput in = candidate.task() == Task.CLASSIFICATION
                    ? MetricInput.classification(test.column(spec.target()), candidateOnTest)
                    : MetricInput.regression(test.column(spec.target()), candidateOnTest);
            ev = Evaluation.of(in, metrics);
        } catch (RuntimeException e) {
            throw new StepFailed("the candidate could not be evaluated on the " + test.rowCount() + " test rows: "
                    + message(e));
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric m : metrics) {
            MetricValue v = ev.get(m);
            if (!v.isDefined() || !Double.isFinite(v.value())) {
                String why = v.reason().orElse("its value is " + v.value());
                String prefix = m.name() + " is undefined: ";
                throw new StepFailed(String.format(Locale.ROOT, "metric %s cannot be computed on the %d test rows: %s",
                        m.name(), test.rowCount(), why.startsWith(prefix) ? why.substring(prefix.length()) : why));
            }
            values.put(m.name(), v.value());
        }
        ObjectNode o = Json.object();
        values.forEach(o::put);
        cache.put(PipelineStep.EVALUATE, key, Json.writeLine(o).getBytes(StandardCharsets.UTF_8));
        values.forEach(run::metric);
        return new Done(StepOutcome.SUCCEEDED, false, "");
    }

    private Done gate(Table test) throws StepFailed {
        if (spec.gate() == null) {
            return new Done(StepOutcome.SKIPPED, false, "no gate: this pipeline does not promote");
        }
        if (identicalToChampion) {
            return new Done(StepOutcome.SKIPPED, false, "the candidate is identical to the champion (version "
                    + champion.getAsInt() + "): nothing to decide");
        }
        Predictions baseline = champion.isPresent() ? championPredictions() : null;
        try {
            // the rows EVALUATE predicted (on its cache hit, the predictions run ahead): what evaluate(Model, ...) computes
            Predictions c = candidateOnTest != null ? candidateOnTest : candidatePredictions(test);
            gateReport = spec.gate().evaluate(c, baseline, test, spec.target());
        } catch (RuntimeException e) {
            throw new StepFailed("the gate could not be evaluated: " + message(e));
        }
        if (gateReport.status() == Status.FAIL) {
            throw new StepFailed("the candidate failed the quality gate" + (baseline == null ? " (no champion yet)"
                    : " against the champion (version " + champion.getAsInt() + ")") + ": "
                    + gateReport.failureMessage());
        }
        return new Done(StepOutcome.SUCCEEDED, false, baseline == null
                ? "passed with no champion to compare with (missingBaseline policy: "
                        + spec.gate().missingBaseline() + ")"
                : "passed against the champion (version " + champion.getAsInt() + ")");
    }

    /**
     * Starts predicting the test rows with the candidate on the executor, in up to
     * {@value #PREDICTION_PARTS} parts of consecutive rows for a {@link TrainedModel} (its rows are
     * predicted independently of each other, so the parts joined are the whole table's predictions,
     * bit for bit); any other model in one part.
     */
    private void predictAhead(Table test) {
        Model m = candidate;
        Table x = test.drop(spec.target());
        int n = x.rowCount();
        int parts = m instanceof TrainedModel && n >= 4 * PREDICTION_PARTS ? PREDICTION_PARTS : 1;
        candidateScores = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            Table part = parts == 1 ? x : x.slice((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts));
            candidateScores.add(RunAhead.start(executor, () -> m.predict(part)));
        }
    }

    private Predictions candidatePredictions(Table test) {
        if (candidateScores == null) {
            return candidate.predict(test.drop(spec.target()));
        }
        List<Predictions> parts = new ArrayList<>(candidateScores.size());
        try {
            for (RunAhead<Predictions> part : candidateScores) {
                parts.add(part.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the candidate's predictions", e);
        }
        return joined(parts);
    }

    /** Predictions of consecutive parts of a table, as one. */
    private static Predictions joined(List<Predictions> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Predictions first = parts.get(0);
        int n = 0;
        for (Predictions p : parts) {
            n += p.size();
        }
        if (first.task() == Task.REGRESSION) {
            double[] v = new double[n];
            int r = 0;
            for (Predictions p : parts) {
                for (int i = 0; i < p.size(); i++) {
                    v[r++] = p.value(i);
                }
            }
            return Predictions.values(v);
        }
        int k = first.classes().size();
        if (!first.hasProbabilities()) {
            int[] labels = new int[n];
            int r = 0;
            for (Predictions p : parts) {
                for (int i = 0; i < p.size(); i++) {
                    labels[r++] = p.labelIndex(i);
                }
            }
            return Predictions.labels(first.classes(), labels);
        }
        double[] all = new double[n * k];
        int r = 0;
        for (Predictions p : parts) {
            for (int i = 0; i < p.size(); i++, r++) {
                for (int c = 0; c < k; c++) {
                    all[r * k + c] = p.probability(i, c);
                }
            }
        }
        return Predictions.probabilities(first.classes(), all);
    }

    /** The champion's predictions of the test rows, or how getting them failed. */
    private static final class ChampionScores {
        final Predictions predictions;
        final RuntimeException loadFailure;
        final RuntimeException predictFailure;

        ChampionScores(Predictions predictions, RuntimeException loadFailure, RuntimeException predictFailure) {
            this.predictions = predictions;
            this.loadFailure = loadFailure;
            this.predictFailure = predictFailure;
        }
    }

    /**
     * Starts loading the champion and predicting the test rows on the executor, so the work runs
     * beside TRAIN when a thread is free. The gate takes the result, or runs the task itself if it
     * has not started; the result does not depend on where or when it ran.
     */
    private void scoreChampionAhead(Table test) {
        if (spec.gate() == null || champion.isEmpty()) {
            return;
        }
        VersionRef ref = VersionRef.of(spec.model(), champion.getAsInt());
        championScores = RunAhead.start(executor, () -> {
            Model m;
            try {
                m = registry.load(ref, serializer);
            } catch (RuntimeException e) {
                return new ChampionScores(null, e, null);
            }
            try {
                return new ChampionScores(m.predict(test.drop(spec.target())), null, null);
            } catch (RuntimeException e) {
                return new ChampionScores(null, null, e);
            }
        });
    }

    private Predictions championPredictions() throws StepFailed {
        ChampionScores scores;
        try {
            scores = championScores.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted while waiting for the champion's predictions");
        } catch (RuntimeException e) {
            throw new StepFailed("the champion (version " + champion.getAsInt() + " of " + Checks.quote(spec.model())
                    + ") could not be loaded: " + message(e));
        }
        if (scores.loadFailure != null) {
            throw new StepFailed("the champion (version " + champion.getAsInt() + " of " + Checks.quote(spec.model())
                    + ") could not be loaded: " + message(scores.loadFailure));
        }
        if (scores.predictFailure != null) {
            throw new StepFailed("the gate could not be evaluated: " + message(scores.predictFailure));
        }
        return scores.predictions;
    }

    private Done register() throws StepFailed {
        if (identicalToChampion) {
            return new Done(StepOutcome.SKIPPED, false, "the candidate is the champion already (version "
                    + champion.getAsInt() + ")");
        }
        VersionDraft.Builder d = VersionDraft.builder()
                .serializerId(serializer.id())
                .description("trained by pipeline run " + run.id())
                .parameter("trainer", spec.trainer().name())
                .schemaJson(spec.schema().toJson())
                .runId(run.id());
        new TreeMap<>(spec.trainer().configuration()).forEach((k, v) -> d.parameter("trainer." + k, v));
        d.parameter("seed", Long.toString(spec.seed()));
        run.snapshot().latestMetrics().forEach(d::metric);
        run.snapshot().data().forEach(d::data);
        if (champion.isPresent()) {
            d.parentVersion(champion.getAsInt());
        }
        try {
            ModelVersion v = registry.register(spec.model(), candidateBytes, d.build(), change("registered"));
            registered = OptionalInt.of(v.version());
            run.tag("registered.version", Integer.toString(v.version()));
            return new Done(StepOutcome.SUCCEEDED, false, "version " + v.version());
        } catch (RuntimeException e) {
            throw new StepFailed("the registry refused the version: " + message(e));
        }
    }

    private Done promote() throws StepFailed {
        if (!spec.promote()) {
            return new Done(StepOutcome.SKIPPED, false, "promotion is off in this pipeline");
        }
        if (identicalToChampion) {
            return new Done(StepOutcome.SKIPPED, false, "the alias already points to this model (version "
                    + champion.getAsInt() + ")");
        }
        int v = registered.getAsInt();
        Expected expected = champion.isPresent() ? Expected.version(champion.getAsInt()) : Expected.none();
        try {
            registry.setAlias(spec.model(), spec.alias(), v, expected, change("gate passed"));
        } catch (AliasConflictException e) {
            throw new StepFailed(String.format(Locale.ROOT,
                    "the alias '%s' of '%s' moved during the run (expected %s, found %s): another promotion won; "
                            + "version %d is registered but not promoted",
                    spec.alias(), spec.model(), champion.isPresent() ? "version " + champion.getAsInt() : "no version",
                    e.actual().isPresent() ? "version " + e.actual().getAsInt() : "no version", v));
        } catch (RuntimeException e) {
            throw new StepFailed("the alias could not be moved (version " + v + " is registered but not promoted): "
                    + message(e));
        }
        promoted = true;
        run.tag("promoted", Integer.toString(v));
        return new Done(StepOutcome.SUCCEEDED, false, String.format(Locale.ROOT, "'%s' moved from %s to version %d",
                spec.alias(), champion.isPresent() ? "version " + champion.getAsInt() : "nothing", v));
    }

    // ---------------------------------------------------------------------------------- helpers

    private Change change(String what) {
        Change c = Change.by(ACTOR).because(what + " by pipeline run " + run.id()
                + (reason.isEmpty() ? "" : " (" + reason + ")"));
        return gateReport == null ? c : c.withGateReport(gateReport.toJson());
    }

    private boolean step(PipelineStep step, Fingerprint key, Body body) {
        Done done;
        try {
            listener.stepStarted(run.id(), step);
            done = body.run();
        } catch (StepFailed e) {
            record(new StepResult(step, StepOutcome.FAILED, false, key, e.getMessage()));
            return false;
        } catch (RuntimeException e) {
            record(new StepResult(step, StepOutcome.FAILED, false, key,
                    step.key() + " failed unexpectedly: " + message(e)));
            return false;
        }
        record(new StepResult(step, done.outcome, done.cached, key, done.reason));
        return true;
    }

    private void record(StepResult r) {
        results.add(r);
        run.step(StepRecord.of(r.step().name(), r.outcome(), r.cached(), r.key().orElse(null), r.reason()));
        listener.stepFinished(run.id(), r);
    }

    private PipelineRun fail(PipelineStep step, Fingerprint key, String why) {
        record(new StepResult(step, StepOutcome.FAILED, false, key, why));
        return finishFailed();
    }

    private PipelineRun finishFailed() {
        StepResult failed = results.get(results.size() - 1);
        for (PipelineStep s : PipelineStep.values()) {
            if (s.ordinal() >= results.size()) {
                record(new StepResult(s, StepOutcome.NOT_RUN, false, null, "stopped at " + failed.step().key()));
            }
        }
        return result(run.fail(failed.step().name(), failed.reason()));
    }

    private PipelineRun result(Run r) {
        return new PipelineRun(r, spec.model(), spec.alias(), results, gateReport, champion, registered, promoted,
                candidate);
    }

    private List<Metric> metrics(Task task) {
        if (!spec.metrics().isEmpty()) {
            return spec.metrics();
        }
        return task == Task.CLASSIFICATION ? List.of(Metric.ACCURACY, Metric.MACRO_F1)
                : List.of(Metric.RMSE, Metric.MAE, Metric.R2);
    }

    private String gateText() {
        if (spec.gate() == null) {
            return "none";
        }
        try {
            return spec.gate().toJson();
        } catch (IllegalStateException e) {
            return spec.gate().toString();
        }
    }

    private boolean isClassification(Table data) {
        if (spec.trainer() instanceof TabularTrainer) {
            return ((TabularTrainer<?>) spec.trainer()).task() == Task.CLASSIFICATION;
        }
        ColumnType t = data.column(spec.target()).type();
        return t == ColumnType.CATEGORICAL || t == ColumnType.TEXT || t == ColumnType.BOOLEAN;
    }

    private static Map<String, Integer> classCounts(Column c) {
        Map<String, Integer> out = new TreeMap<>();
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                out.merge(String.valueOf(c.get(r)), 1, Integer::sum);
            }
        }
        return out;
    }

    private static Map<String, Double> readMetrics(byte[] bytes) {
        try {
            JsonNode n = Json.mapper().readTree(bytes);
            Map<String, Double> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                out.put(e.getKey(), e.getValue().doubleValue());
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
