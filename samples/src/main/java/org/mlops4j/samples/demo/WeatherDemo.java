package org.mlops4j.samples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mlops4j.data.ReadOptions;
import org.mlops4j.data.Row;
import org.mlops4j.data.Table;
import org.mlops4j.drift.ColumnDrift;
import org.mlops4j.drift.ReferenceProfile;
import org.mlops4j.drift.detect.Ddm;
import org.mlops4j.drift.monitor.DetectorReading;
import org.mlops4j.drift.monitor.DriftMonitor;
import org.mlops4j.drift.monitor.FeatureDriftEvent;
import org.mlops4j.drift.monitor.MonitorEvent;
import org.mlops4j.drift.monitor.MonitorStream;
import org.mlops4j.drift.monitor.PerformanceChangeEvent;
import org.mlops4j.drift.monitor.Window;
import org.mlops4j.model.Model;
import org.mlops4j.model.Prediction;
import org.mlops4j.registry.LiveModel;
import org.mlops4j.registry.LiveModelEvent;
import org.mlops4j.registry.ModelRegistry;
import org.mlops4j.registry.VersionRef;
import org.mlops4j.registry.store.FileSystemRegistryStore;
import org.mlops4j.training.RandomForestClassifierTrainer;
import org.mlops4j.training.TrainedModel;
import org.mlops4j.training.continuous.ContinuousTraining;
import org.mlops4j.training.continuous.DriftTrigger;
import org.mlops4j.training.continuous.Evidence;
import org.mlops4j.training.continuous.PerformanceDecayTrigger;
import org.mlops4j.training.continuous.RetrainingOutcome;
import org.mlops4j.training.continuous.TriggerFiring;
import org.mlops4j.training.continuous.TriggerKind;
import org.mlops4j.training.continuous.WatchPolicy;
import org.mlops4j.training.continuous.WatchRecord;
import org.mlops4j.training.continuous.WatchVerdict;
import org.mlops4j.training.pipeline.Pipeline;
import org.mlops4j.training.pipeline.PipelineRun;
import org.mlops4j.training.pipeline.PipelineSpec;
import org.mlops4j.training.pipeline.PipelineStep;
import org.mlops4j.training.pipeline.SplitSpec;
import org.mlops4j.training.pipeline.StepCache;
import org.mlops4j.training.tracking.RunStore;
import org.mlops4j.training.tracking.StepOutcome;
import org.mlops4j.validation.Schema;
import org.mlops4j.validation.gate.Outcome;
import org.mlops4j.validation.gate.QualityGate;
import org.mlops4j.validation.gate.RequirementResult;
import org.mlops4j.validation.metrics.Metric;

/**
 * The continuous-training story on real data, run end to end with the real components: a model of
 * Seattle's weather is trained on 2012-2013 by the transactional {@link Pipeline}, gated, registered
 * and promoted to {@code champion}; then 2014-2015 are replayed day by day through a {@link LiveModel}
 * that follows the alias and a {@link DriftMonitor} against the 2012-2013 reference. Each day's label
 * (the weather actually observed) arrives the next morning. The monitor's alarms and the live
 * accuracy feed the {@link ContinuousTraining} controller's triggers; each retraining runs the same
 * pipeline on the last {@value #TRAINING_DAYS} labelled days, the {@link QualityGate} compares the
 * candidate with the champion on the most recent {@value #HOLDOUT_DAYS} of them, and only a candidate
 * that passes moves the alias, which the live model then follows.
 *
 * <p>Deterministic: fixed seeds, and a {@link SimulatedClock} that every component reads (one
 * simulated day per row); nothing reads the wall clock, so the timeline is the same on every run.
 * Every event in the timeline is something a component did or said (no event is made up).
 *
 * <p>Usage: {@code DemoTimeline t = WeatherDemo.run(Files.createTempDirectory("demo")); System.out.print(t.toText());}
 * Thread safety: {@link #run(Path)} runs on the calling thread with its own state; runs in different
 * stores may go on in parallel; a store must start empty, so never share one between runs.
 */
public final class WeatherDemo {
    /** The registered model's name. */
    public static final String MODEL = "seattle-weather";
    /** The alias the pipeline promotes and the live model follows. */
    public static final String ALIAS = "champion";
    /** The class path resource with the data (see data/ATTRIBUTION.md). */
    public static final String DATA = "/data/seattle-weather.csv";

    static final String TARGET = "weather";
    static final List<String> FEATURES = List.of("precipitation", "temp_max", "temp_min", "wind");
    /** The first replayed day: everything before it is the initial training data. */
    static final LocalDate REPLAY_FROM = LocalDate.of(2014, 1, 1);
    /** A retraining learns from the last year of labelled days: one full cycle of seasons. */
    static final int TRAINING_DAYS = 365;
    /** The gate judges on the most recent days of that year, which the candidate did not train on. */
    static final int HOLDOUT_DAYS = 60;
    /** The monitor compares each 30-day window (one row a day) with the 2012-2013 reference. */
    static final int WINDOW_DAYS = 30;
    /** No two retrainings start within this many days. */
    static final int COOLDOWN_DAYS = 60;
    /** The decay trigger fires when the rolling accuracy over this many labelled days falls below the bar. */
    static final int DECAY_WINDOW = 30;
    static final double DECAY_BAR = 0.70;
    /** After a promotion the new champion is watched this long against the previous one, scored in shadow. */
    static final int WATCH_DAYS = 45;
    static final int WATCH_MIN_DAYS = 30;
    static final double WATCH_MARGIN = 0.02;
    static final long SEED = 42;
    static final int TREES = 50;

    private static final LocalTime LABELS_ARRIVE = LocalTime.of(6, 0);
    private static final LocalTime PREDICTION = LocalTime.of(12, 0);

    private final Path store;
    private final SimulatedClock clock;
    private final List<DemoEvent> events = new ArrayList<>();
    /** Trainings the controller started, run after the day's checks (its executor). */
    private final ArrayDeque<Runnable> trainings = new ArrayDeque<>();
    private Table data;
    private Table features;
    private LocalDate[] days;
    private ModelRegistry registry;
    private RunStore runs;
    private StepCache cache;
    /** The index of the day being replayed: rows before it are labelled. */
    private int today;
    private int trainingRuns;
    private int rejections;
    private int failures;
    private int promotions;
    private int triggered;
    private int driftAlarms;
    private int swaps;
    private int rollbacks;
    private final List<Integer> versions = new ArrayList<>();
    private int watchesSeen;

    private WeatherDemo(Path store) {
        this.store = store;
        this.clock = new SimulatedClock(REPLAY_FROM.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * Runs the story with its registry, runs and step cache in {@code store} (created when absent; it
     * must be empty: the story starts from no model).
     *
     * @throws IllegalArgumentException when {@code store} is a file or a non-empty directory
     * @throws UncheckedIOException     when the data or the store cannot be read or written
     */
    public static DemoTimeline run(Path store) {
        checkEmpty(store);
        return new WeatherDemo(store).play();
    }

    /** Runs the demo in a temporary directory and prints the timeline (a runnable sample). */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("mlops4j-demo");
        System.out.print(run(dir).toText());
    }

    private static void checkEmpty(Path store) {
        if (Files.isDirectory(store)) {
            try (Stream<Path> s = Files.list(store)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("the demo's store must be an empty or absent directory, but "
                            + store + " is not empty: the story starts with no model registered");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the demo's store " + store + " cannot be read", e);
            }
        } else if (Files.exists(store)) {
            throw new IllegalArgumentException("the demo's store must be a directory, but " + store + " is a file");
        }
    }

    // ------------------------------------------------------------------------------------ the story

    private DemoTimeline play() {
        load();
        int first = indexOf(REPLAY_FROM);
        registry = ModelRegistry.builder(FileSystemRegistryStore.open(store.resolve("registry"))).clock(clock).build();
        runs = RunStore.filesystem(store.resolve("runs"));
        cache = StepCache.filesystem(store.resolve("cache"));
        try {
            return replay(first);
        } finally {
            registry.close();
        }
    }

    private DemoTimeline replay(int first) {
        // 1. The first champion: 2012-2013, judged on its last 60 days (no champion to compare with yet).
        today = first;
        PipelineRun initial = train(0, first, "initial training on " + days[0] + ".." + days[first - 1]);
        if (!initial.promoted()) {
            throw new IllegalStateException("the initial model was not promoted: " + initial.failureReason());
        }
        Model frozen = registry.load(VersionRef.of(MODEL, initial.registeredVersion().getAsInt()),
                TrainedModel.serializer());

        // 2. The live side: a live model following champion, a monitor, and the controller's triggers.
        DriftTrigger drift = DriftTrigger.builder("monitor-drift").features(FEATURES.toArray(new String[0]))
                .performance().build();
        PerformanceDecayTrigger decay = PerformanceDecayTrigger.accuracyBelow("accuracy-decay", DECAY_BAR, DECAY_WINDOW,
                clock);
        DriftMonitor monitor = DriftMonitor.builder(ReferenceProfile.of(data.slice(0, first).select(FEATURES)))
                .columns(FEATURES.toArray(new String[0]))
                .window(Window.tumbling(WINDOW_DAYS))
                .detector(MonitorStream.ERROR, Ddm::defaults)
                .labelTimeout(Duration.ofDays(3))
                .clock(clock)
                .executor(Runnable::run)        // evaluations on the replay's thread: deterministic order
                .onDrift(this::onMonitorEvent)
                .build();
        drift.subscribeTo(monitor);
        ContinuousTraining ct = ContinuousTraining.builder(registry, MODEL)
                .alias(ALIAS)
                .trigger(drift)
                .trigger(decay)
                .cooldown(Duration.ofDays(COOLDOWN_DAYS))
                .watch(WatchPolicy.defaults().withPeriod(Duration.ofDays(WATCH_DAYS)).withMinCases(WATCH_MIN_DAYS)
                        .withMargin(WATCH_MARGIN).withOneSidedTest(0.05))
                .retraining(this::retrain)
                .executor(trainings::add)      // run after the day's checks, as a service's training pool would
                .clock(clock)
                .build();
        LiveModel<TrainedModel> live = LiveModel.builder(registry, MODEL, ALIAS, TrainedModel.serializer())
                .clock(clock)
                .pollInterval(Duration.ofDays(1))   // never by wall time: the replay polls with checkNow()
                .listener(this::onLiveEvent)
                .build();

        // 3. The replay: each morning yesterday's label arrives; at noon today's weather is predicted.
        int n = data.rowCount();
        Prediction[] livePrediction = new Prediction[n];
        Prediction[] shadowPrediction = new Prediction[n];
        boolean[] liveRight = new boolean[n];
        Model previous = null;
        int liveCorrect = 0;
        int frozenCorrect = 0;
        int monthCorrect = 0;
        int monthFrozen = 0;
        int monthDays = 0;
        Set<Integer> monthVersions = new LinkedHashSet<>(List.of(live.version()));
        try {
            for (int i = first; i <= n; i++) {
                today = i;
                LocalDate day = i < n ? days[i] : days[n - 1].plusDays(1);
                clock.set(at(day, LABELS_ARRIVE));
                if (i > first) {
                    int y = i - 1;
                    String truth = label(y);
                    monitor.label(key(y), truth);
                    if (shadowPrediction[y] == null) {
                        ct.feedback(livePrediction[y], truth);
                    } else {                    // the previous champion scored the day in shadow: a paired watch
                        ct.feedbackPaired(livePrediction[y], shadowPrediction[y], truth);
                    }
                    liveRight[y] = livePrediction[y].label().equals(truth);
                    boolean frozenRight = frozen.predict(features.row(y)).label().equals(truth);
                    liveCorrect += liveRight[y] ? 1 : 0;
                    frozenCorrect += frozenRight ? 1 : 0;
                    monthCorrect += liveRight[y] ? 1 : 0;
                    monthFrozen += frozenRight ? 1 : 0;
                    monthDays++;
                    if (i == n || days[y].getMonthValue() != days[i].getMonthValue()) {
                        checkpoint(day, days[y], monthDays, monthCorrect, monthFrozen, monthVersions);
                        monthCorrect = 0;
                        monthFrozen = 0;
                        monthDays = 0;
                        monthVersions = new LinkedHashSet<>(List.of(live.version()));
                    }
                }
                monitor.flush();    // closes a complete window: drift alarms wake the triggers
                ct.tick();          // a firing held back by the cooldown starts once it is over
                runTrainings();
                watches(ct);
                Model before = live.get();
                int servedBefore = live.version();
                live.checkNow();    // the live model follows the alias
                if (live.version() != servedBefore) {
                    previous = before;
                    monthVersions.add(live.version());
                }
                if (i == n) {
                    break;
                }
                clock.set(at(day, PREDICTION));
                Prediction p = live.get().predict(features.row(i));
                livePrediction[i] = p;
                shadowPrediction[i] = previous == null ? null : previous.predict(features.row(i));
                monitor.observe(key(i), features.row(i), p);
            }
        } finally {
            live.close();
        }
        watches(ct);
        int labelled = n - first;
        DemoSummary summary = new DemoSummary(n - first, labelled, trainingRuns, versions, promotions, rejections, failures,
                driftAlarms, triggered, swaps, rollbacks, live.version(), frozenCorrect / (double) labelled,
                liveCorrect / (double) labelled);
        return new DemoTimeline(MODEL, settings(), events, summary);
    }

    // ------------------------------------------------------------------------------------- training

    /** The controller's retraining: the pipeline on the last year of labelled days. */
    private RetrainingOutcome retrain(TriggerFiring why) {
        triggered++;
        record(triggeredEvent(why));
        int from = Math.max(0, today - TRAINING_DAYS);
        PipelineRun run = train(from, today, why.describe());
        if (run.promoted()) {
            return RetrainingOutcome.promoted(run.registeredVersion().getAsInt(), run.championBefore().orElse(0),
                    "promoted by pipeline run " + run.runId());
        }
        if (run.failedStep().isPresent()) {
            return run.failedStep().get() == PipelineStep.GATE
                    ? RetrainingOutcome.notPromoted(0, run.failureReason())
                    : RetrainingOutcome.failed(run.failureReason());
        }
        return RetrainingOutcome.notPromoted(run.registeredVersion().orElse(0), "not promoted by run " + run.runId());
    }

    /** Runs the pipeline on rows [from, to): the last {@value #HOLDOUT_DAYS} days are the gate's holdout. */
    private PipelineRun train(int from, int to, String reason) {
        trainingRuns++;
        LocalDate holdoutFrom = days[to - HOLDOUT_DAYS];
        PipelineSpec spec = PipelineSpec.builder()
                .model(MODEL).alias(ALIAS).target(TARGET)
                .trainer(RandomForestClassifierTrainer.defaults().withTrees(TREES))
                .split(SplitSpec.timeBased("date", holdoutFrom.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .seed(SEED)
                .metrics(List.of(Metric.ACCURACY, Metric.MACRO_F1))
                .schema(schema())
                .gate(gate())
                .build();
        Pipeline pipeline = Pipeline.builder(spec).registry(registry).runs(runs).cache(cache).clock(clock).build();
        PipelineRun run = pipeline.run(data.slice(from, to), reason);
        LocalDate day = days[to - 1].plusDays(1);
        String window = String.format(Locale.ROOT, "%s..%s (%d days; the gate's holdout: the last %d, from %s)",
                days[from], days[to - 1], to - from, HOLDOUT_DAYS, holdoutFrom);
        if (run.step(PipelineStep.TRAIN).outcome() == StepOutcome.SUCCEEDED) {
            Map<String, Double> m = run.metrics();
            record(DemoEvent.of(day, DemoEventKind.TRAINED, String.format(Locale.ROOT,
                    "candidate (random forest, %d trees, seed %d) on %s: holdout accuracy %s, macro F1 %s",
                    TREES, SEED, window, fixed(m.getOrDefault("accuracy", Double.NaN)),
                    fixed(m.getOrDefault("macro_f1", Double.NaN))))
                    .with("run", run.runId()).with("from", days[from].toString()).with("to", days[to - 1].toString())
                    .with("rows", to - from).with("holdoutFrom", holdoutFrom.toString())
                    .with("accuracy", m.getOrDefault("accuracy", Double.NaN), 4)
                    .with("macroF1", m.getOrDefault("macro_f1", Double.NaN), 4)
                    .build());
        }
        if (run.failedStep().isPresent()) {
            PipelineStep step = run.failedStep().get();
            if (step == PipelineStep.GATE) {
                rejections++;
                DemoEvent.Builder e = DemoEvent.of(day, DemoEventKind.REJECTED, "the quality gate refused the candidate"
                        + " against version " + run.championBefore().orElse(0) + ":\n" + gateLines(run, false));
                e.with("run", run.runId()).with("champion", run.championBefore().orElse(0))
                        .with("reason", run.failureReason());
                record(e.build());
            } else {
                failures++;
                record(DemoEvent.of(day, DemoEventKind.FAILED, "the pipeline stopped at " + step + ": "
                        + run.failureReason()).with("run", run.runId()).with("step", step.name())
                        .with("reason", run.failureReason()).build());
            }
            return run;
        }
        if (run.registeredVersion().isPresent()) {
            int v = run.registeredVersion().getAsInt();
            versions.add(v);
            record(DemoEvent.of(day, DemoEventKind.REGISTERED, MODEL + " version " + v + " (run " + run.runId() + ")")
                    .with("version", v).with("run", run.runId()).build());
        }
        if (run.promoted()) {
            promotions++;
            int v = run.registeredVersion().getAsInt();
            String before = run.championBefore().isPresent() ? "version " + run.championBefore().getAsInt() : "nothing";
            record(DemoEvent.of(day, DemoEventKind.PROMOTED, ALIAS + ": " + before + " -> version " + v
                    + "; the gate passed:\n" + gateLines(run, true))
                    .with("version", v).with("previous", run.championBefore().orElse(0)).with("run", run.runId())
                    .build());
        }
        return run;
    }

    /** The gate's results as lines: every requirement when it passed, the failed ones when it did not. */
    private static String gateLines(PipelineRun run, boolean all) {
        List<String> lines = new ArrayList<>();
        run.gateReport().ifPresent(r -> {
            for (RequirementResult res : all ? r.results() : r.failures()) {
                lines.add("- " + res.reason());
            }
        });
        if (lines.isEmpty()) {
            lines.add("- " + run.failureReason());
        }
        return String.join("\n", lines);
    }

    /**
     * The data contract every training checks: the five columns, physically plausible ranges
     * (not the ranges of 2012-2013: a hotter summer is not invalid data), the five kinds of weather.
     */
    static Schema schema() {
        return Schema.builder()
                .timestamp("date", f -> f.completeness(1.0))
                .numeric("precipitation", f -> f.completeness(1.0).between(0, 200))
                .numeric("temp_max", f -> f.completeness(1.0).between(-30, 50))
                .numeric("temp_min", f -> f.completeness(1.0).between(-30, 50))
                .numeric("wind", f -> f.completeness(1.0).between(0, 40))
                .categorical(TARGET, f -> f.completeness(1.0).oneOf("drizzle", "fog", "rain", "snow", "sun"))
                .build();
    }

    /**
     * The gate: a candidate must be accurate enough on its own, and not worse than the champion on the
     * same holdout days beyond the sampling noise (a 95% paired bootstrap interval of the difference
     * must lie above -0.02). The first model has no champion: only the absolute bound decides.
     */
    static QualityGate gate() {
        return QualityGate.builder()
                .require(Metric.ACCURACY).atLeast(0.70)
                .require(Metric.ACCURACY).notWorseThanBaselineBy(0.02)
                .missingBaseline(Outcome.SKIP)
                .build();
    }

    // --------------------------------------------------------------------------------- live events

    private void onMonitorEvent(MonitorEvent event) {
        driftAlarms++;
        LocalDate day = date(event.time());
        if (event instanceof FeatureDriftEvent f && f.drift().isPresent()) {
            ColumnDrift d = f.drift().get();
            String window = f.window().map(w -> String.format(Locale.ROOT, "window %d, %d days", w.index(), w.rows()))
                    .orElse("");
            record(DemoEvent.of(day, DemoEventKind.DRIFT, String.format(Locale.ROOT,
                    "%s drifted from 2012-2013 (%s): %s statistic %s, p %s, effect %s (bar %s)", f.column(), window,
                    d.test().cliName(), fixed(d.statistic()), pValue(d.pValue()), fixed(d.effect()), fixed(d.bar())))
                    .with("type", event.type()).with("column", f.column()).with("test", d.test().cliName())
                    .with("statistic", d.statistic(), 4).withSignificant("pValue", d.pValue(), 4).with("effect", d.effect(), 4)
                    .with("bar", d.bar(), 4).build());
        } else if (event instanceof PerformanceChangeEvent p) {
            DetectorReading r = p.detector();
            record(DemoEvent.of(day, DemoEventKind.DRIFT, String.format(Locale.ROOT,
                    "the error rate changed: %s on the live errors signals %s, error-rate estimate %s after %d labels",
                    r.kind(), r.signal(), fixed(r.estimate()), p.labelsJoined()))
                    .with("type", event.type()).with("detector", r.kind()).with("estimate", r.estimate(), 4)
                    .with("labels", p.labelsJoined()).build());
        } else {
            record(DemoEvent.of(day, DemoEventKind.DRIFT, event.type()).with("type", event.type()).build());
        }
    }

    private DemoEvent triggeredEvent(TriggerFiring why) {
        List<String> lines = new ArrayList<>();
        for (Evidence e : why.evidence()) {
            lines.add("- " + evidenceText(e));
        }
        return DemoEvent.of(date(clock.instant()), DemoEventKind.TRIGGERED, String.format(Locale.ROOT,
                "trigger '%s' (%s) starts a retraining on the last %d labelled days; evidence:\n%s", why.trigger(),
                why.kind().name().toLowerCase(Locale.ROOT), TRAINING_DAYS, String.join("\n", lines)))
                .with("trigger", why.trigger()).with("kind", why.kind().name().toLowerCase(Locale.ROOT))
                .with("evidence", why.evidence().size()).build();
    }

    /** An evidence's words with its numbers at fixed places (the event descriptions print raw doubles). */
    private static String evidenceText(Evidence e) {
        if (e.kind() != TriggerKind.DRIFT) {
            return e.text();
        }
        String text = e.text();
        String type = text.substring(0, Math.max(0, text.indexOf(':')));
        Map<String, Double> n = e.numbers();
        StringBuilder b = new StringBuilder(type).append(" on ").append(date(e.time()));
        int col = text.indexOf("column '");
        if (col >= 0) {
            int end = text.indexOf('\'', col + 8);
            b.append(", column ").append(text, col + 8, end);
        }
        for (Map.Entry<String, Double> x : n.entrySet()) {
            if (x.getKey().equals("windowIndex") || x.getKey().equals("windowRows") || x.getKey().equals("updates")
                    || x.getKey().equals("labelsJoined")) {
                b.append(", ").append(x.getKey()).append(' ').append(Math.round(x.getValue()));
            } else {
                b.append(", ").append(x.getKey()).append(' ').append(x.getKey().equals("pValue")
                        ? pValue(x.getValue()) : fixed(x.getValue()));
            }
        }
        return b.toString();
    }

    private void onLiveEvent(LiveModelEvent e) {
        LocalDate day = date(e.time());
        if (e.kind() == LiveModelEvent.Kind.SWAPPED) {
            swaps++;
            record(DemoEvent.of(day, DemoEventKind.SWAPPED, String.format(Locale.ROOT,
                    "the live model now serves version %d (was %d)", e.toVersion(), e.fromVersion()))
                    .with("from", e.fromVersion()).with("to", e.toVersion()).build());
        } else {
            record(DemoEvent.of(day, DemoEventKind.FAILED, "live model: " + e.kind() + " (serving version "
                    + e.servingVersion() + ")").with("kind", e.kind().name()).build());
        }
    }

    private void watches(ContinuousTraining ct) {
        List<WatchRecord> all = ct.history().watches();
        for (int i = watchesSeen; i < all.size(); i++) {
            WatchRecord w = all.get(i);
            boolean rolledBack = w.verdict() == WatchVerdict.ROLLED_BACK;
            rollbacks += rolledBack ? 1 : 0;
            String reason = w.reason();
            int ended = reason.indexOf(" ended: ");
            reason = ended >= 0 ? reason.substring(ended + 8) : reason;
            record(DemoEvent.of(date(w.ended()), rolledBack ? DemoEventKind.ROLLBACK : DemoEventKind.WATCHED,
                    String.format(Locale.ROOT, "watch of version %d (previous %d) %s:\n%s", w.version(), w.previousVersion(),
                            w.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '), reason))
                    .with("version", w.version()).with("previous", w.previousVersion())
                    .with("verdict", w.verdict().name()).with("reason", w.reason()).build());
        }
        watchesSeen = all.size();
    }

    private void runTrainings() {
        Runnable r;
        while ((r = trainings.poll()) != null) {
            r.run();
        }
    }

    private void checkpoint(LocalDate day, LocalDate monthDay, int n, int live, int frozen, Set<Integer> served) {
        String month = monthDay.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT) + " " + monthDay.getYear();
        String versionsServed = (served.size() == 1 ? "version " : "versions ")
                + served.stream().map(String::valueOf).collect(Collectors.joining(", "));
        record(DemoEvent.of(day, DemoEventKind.CHECKPOINT, String.format(Locale.ROOT,
                "%s: live accuracy %s (%d of %d days, %s); version 1 frozen would have had %s", month,
                fixed(live / (double) n), live, n, versionsServed, fixed(frozen / (double) n)))
                .with("month", String.format(Locale.ROOT, "%d-%02d", monthDay.getYear(), monthDay.getMonthValue()))
                .with("days", n).with("liveCorrect", live).with("frozenCorrect", frozen)
                .with("liveAccuracy", live / (double) n, 4).with("frozenAccuracy", frozen / (double) n, 4)
                .build());
    }

    // ------------------------------------------------------------------------------------- helpers

    private void record(DemoEvent e) {
        events.add(e);
    }

    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("data", days.length + " days, " + days[0] + ".." + days[days.length - 1]
                + "; features " + String.join(", ", FEATURES) + "; target " + TARGET);
        s.put("initial", "trained on " + days[0] + ".." + REPLAY_FROM.minusDays(1) + ", then "
                + REPLAY_FROM + ".." + days[days.length - 1] + " replayed day by day; labels arrive one day late");
        s.put("model", "random forest, " + TREES + " trees, seed " + SEED);
        s.put("monitor", "tumbling windows of " + WINDOW_DAYS + " days against 2012-2013; DDM on the live errors");
        s.put("triggers", "feature drift or an error-rate change; rolling accuracy of the last " + DECAY_WINDOW
                + " days below " + DECAY_BAR + "; cooldown " + COOLDOWN_DAYS + " days");
        s.put("retraining", "the last " + TRAINING_DAYS + " labelled days; the gate judges on the last " + HOLDOUT_DAYS);
        s.put("gate", "accuracy >= 0.70, and not worse than the champion by 0.02 (95% paired bootstrap)");
        return s;
    }

    private void load() {
        try (InputStream in = WeatherDemo.class.getResourceAsStream(DATA)) {
            if (in == null) {
                throw new IllegalStateException("the data " + DATA + " is not on the class path");
            }
            data = Table.readCsv(in, "seattle-weather.csv", ReadOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException("the data " + DATA + " cannot be read", e);
        }
        features = data.drop(TARGET);
        days = new LocalDate[data.rowCount()];
        for (int i = 0; i < days.length; i++) {
            days[i] = date(data.row(i).getInstant("date"));
            if (i > 0 && !days[i].equals(days[i - 1].plusDays(1))) {
                throw new IllegalStateException("the data must hold one row per day in order, but row " + i + " is "
                        + days[i] + " after " + days[i - 1]);
            }
        }
    }

    private int indexOf(LocalDate day) {
        for (int i = 0; i < days.length; i++) {
            if (days[i].equals(day)) {
                return i;
            }
        }
        throw new IllegalStateException("the data has no row for " + day);
    }

    private String label(int row) {
        Row r = data.row(row);
        return String.valueOf(r.get(TARGET));
    }

    private String key(int row) {
        return days[row].toString();
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).toInstant(ZoneOffset.UTC);
    }

    private static LocalDate date(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    static String fixed(double v) {
        return Double.isFinite(v) ? DemoEvent.decimal(v, 4).toPlainString() : String.valueOf(v);
    }

    /** A p-value for people: four places, or "< 0.0001". */
    static String pValue(double p) {
        return !Double.isFinite(p) ? String.valueOf(p) : p < 0.0001 ? "< 0.0001" : fixed(p);
    }
}
