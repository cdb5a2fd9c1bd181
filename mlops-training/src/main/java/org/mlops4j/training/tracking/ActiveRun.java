package org.mlops4j.training.tracking;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mlops4j.Fingerprint;
import org.mlops4j.internal.Checks;

/**
 * The handle of a run in progress: records parameters, metrics, tags, artifacts, data fingerprints
 * and steps, then ends the run with {@link #finish()} or {@link #fail(String, String)}. Each
 * recording call and the end are written to the store at once (the store's write is atomic), so a
 * crash leaves the last whole record, {@link RunStatus#RUNNING}.
 *
 * <p>Thread-safe (calls are serialized); after the run ended every recording call throws
 * {@link IllegalStateException}.
 */
public final class ActiveRun {
    private final RunStore store;
    private final Clock clock;
    private final Run start;
    private final Map<String, String> parameters = new TreeMap<>();
    private final Map<String, String> tags = new TreeMap<>();
    private final List<MetricPoint> metrics = new ArrayList<>();
    private final Map<String, ArtifactRef> artifacts = new TreeMap<>();
    private final Map<String, Fingerprint> data = new TreeMap<>();
    private final List<StepRecord> steps = new ArrayList<>();
    private Run current;
    private boolean savesAtStepsOnly;

    ActiveRun(RunStore store, Clock clock, Run start) {
        this.store = store;
        this.clock = clock;
        this.start = start;
        this.current = start;
    }

    public String id() {
        return start.id();
    }

    /**
     * From now on, writes the run to the store only when a step is recorded and when the run ends;
     * parameters, tags, metrics, artifacts and data recorded in between are kept in memory
     * ({@link #snapshot()} shows them) and written with the next step. For callers that record many
     * small facts per step, such as the pipeline: one write per step instead of one per fact. Steps
     * are written as progress ({@link RunStore#progress}: on files, atomic but not forced to disk);
     * the end of the run is written durably.
     */
    public synchronized ActiveRun saveAtStepsOnly() {
        savesAtStepsOnly = true;
        return this;
    }

    /** The run as recorded so far. */
    public synchronized Run snapshot() {
        return current;
    }

    public synchronized ActiveRun parameter(String key, String value) {
        Names.check("parameter", key);
        parameters.put(key, Checks.checkNotNull(value, "value"));
        return save();
    }

    /** Records every entry of the map as a parameter. */
    public synchronized ActiveRun parameters(Map<String, String> values) {
        values.forEach((k, v) -> {
            Names.check("parameter", k);
            parameters.put(k, Checks.checkNotNull(v, "value"));
        });
        return save();
    }

    public synchronized ActiveRun tag(String key, String value) {
        Names.check("tag", key);
        tags.put(key, Checks.checkNotNull(value, "value"));
        return save();
    }

    /** Logs a metric value at step 0. */
    public ActiveRun metric(String key, double value) {
        return metric(key, value, 0);
    }

    /** Logs a metric value at a step (a series keeps every step). */
    public synchronized ActiveRun metric(String key, double value, long step) {
        metrics.add(MetricPoint.of(key, value, step));
        return save();
    }

    /** Records an artifact by reference. */
    public synchronized ActiveRun artifact(String name, ArtifactRef ref) {
        Names.check("artifact", name);
        artifacts.put(name, Checks.checkNotNull(ref, "ref"));
        return save();
    }

    /** Records the fingerprint of data the run read, under a role such as {@code "data"}. */
    public synchronized ActiveRun data(String role, Fingerprint fingerprint) {
        Names.check("data role", role);
        data.put(role, Checks.checkNotNull(fingerprint, "fingerprint"));
        return save();
    }

    /** Records a step's outcome. */
    public synchronized ActiveRun step(StepRecord record) {
        steps.add(Checks.checkNotNull(record, "record"));
        return write();
    }

    /** Ends the run as {@link RunStatus#FINISHED}. */
    public synchronized Run finish() {
        return end(RunStatus.FINISHED, "", "");
    }

    /**
     * Ends the run as {@link RunStatus#FAILED}.
     *
     * @param step the step that stopped it
     * @param reason why, in words (not empty)
     */
    public synchronized Run fail(String step, String reason) {
        Names.check("step", step);
        Checks.checkArgument(reason != null && !reason.isEmpty(), "a failure needs a reason");
        return end(RunStatus.FAILED, step, reason);
    }

    private Run end(RunStatus status, String step, String reason) {
        checkRunning();
        current = build(status, clock.instant(), step, reason);
        store.update(current);
        return current;
    }

    private ActiveRun save() {
        if (savesAtStepsOnly) {
            checkRunning();
            current = build(RunStatus.RUNNING, null, "", "");
            return this;
        }
        return write();
    }

    private ActiveRun write() {
        checkRunning();
        current = build(RunStatus.RUNNING, null, "", "");
        if (savesAtStepsOnly) {
            store.progress(current);
        } else {
            store.update(current);
        }
        return this;
    }

    private void checkRunning() {
        Checks.checkState(current.status() == RunStatus.RUNNING, "run %s already ended as %s", start.id(),
                current.status());
    }

    private Run build(RunStatus status, java.time.Instant end, String step, String reason) {
        java.time.Instant e = end;
        if (e != null && e.isBefore(start.startedAt())) {
            e = start.startedAt();
        }
        return new Run(start.id(), start.name(), start.reason(), status, start.startedAt(), e, parameters, tags,
                metrics, artifacts, data, steps, step, reason);
    }

    @Override
    public String toString() {
        return "ActiveRun[" + start.id() + "]";
    }
}
