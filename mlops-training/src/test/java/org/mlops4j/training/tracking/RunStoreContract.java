package org.mlops4j.training.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlops4j.Fingerprint;

/**
 * The contract every {@link RunStore} keeps, as tests: a store's test class extends this and says how to
 * make a fresh store and how to open a second instance over the same storage (another process, in effect).
 * Test methods are public so that subclasses in other packages (the JDBC stores) inherit them.
 */
public abstract class RunStoreContract {
    /** The instant of the golden run, and of every run started by {@link #tracker}. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    /** The store under test, fresh for each test. */
    protected RunStore store;

    /** A new, empty store. Called before each test. */
    protected abstract RunStore newStore() throws Exception;

    /**
     * A second instance over the storage of the last {@link #newStore()} (for an in-memory store: the same
     * instance), standing for another process sharing it.
     */
    protected abstract RunStore reopen() throws Exception;

    /** The exact message of {@link RunStore#update} for an id no run has. */
    protected abstract String noSuchRunMessage(String id);

    /** Releases what {@link #newStore()} made. Called after each test. */
    protected void release() throws Exception {}

    @BeforeEach
    public final void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    public final void releaseStore() throws Exception {
        release();
    }

    /** The golden file of {@code mlops4j.run/1}, {@code src/test/resources/tracking/run-v1.json}. */
    public static String golden() {
        try (InputStream in = RunStoreContract.class.getResourceAsStream("/tracking/run-v1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records, in a store, the run of the golden file (a failed run with every kind of field). */
    public static Run sample(RunStore store) {
        ActiveRun r = Tracker.of(store, CLOCK).start("weather", "drift on temp_max (p = 0.001)");
        r.parameters(Map.of("trainer", "decision_tree", "seed", "7"));
        r.tag("team", "forecast");
        r.metric("loss", 0.5, 1).metric("loss", 0.25, 2).metric("accuracy", 0.8356164383561644);
        r.artifact("model", ArtifactRef.ofBytes("model bytes".getBytes(StandardCharsets.UTF_8)));
        r.data("data", Fingerprint.ofBytes("data".getBytes(StandardCharsets.UTF_8)));
        r.step(StepRecord.of("VALIDATE", StepOutcome.SUCCEEDED, true,
                Fingerprint.ofBytes("k".getBytes(StandardCharsets.UTF_8)), ""));
        r.step(StepRecord.of("TRAIN", StepOutcome.FAILED, false, null, "trainer 'x' failed: boom"));
        return r.fail("TRAIN", "trainer 'x' failed: boom");
    }

    private static Run running(String id, String name, Instant start) {
        return new Run(id, name, "", RunStatus.RUNNING, start, null, Map.of(), Map.of(), List.of(), Map.of(), Map.of(),
                List.of(), "", "");
    }

    // -------------------------------------------------------------------------------------- create

    @Test
    public void create_newId_isFoundByEveryInstanceAndListed() throws Exception {
        // GIVEN an empty store
        assertThat(store.list()).isEmpty();
        Run run = running("run-1", "weather", Instant.parse("2024-05-01T12:00:00Z"));

        // WHEN a run is created
        boolean created = store.create(run);

        // THEN it is stored, and another instance over the same storage sees it
        assertThat(created).isTrue();
        assertThat(store.find("run-1")).contains(run);
        assertThat(reopen().find("run-1")).contains(run);
        assertThat(reopen().list()).containsExactly(run);
    }

    @Test
    public void create_takenId_returnsFalseAndKeepsTheFirstRecord() throws Exception {
        // GIVEN a stored run
        Run first = running("run-1", "weather", Instant.parse("2024-05-01T12:00:00Z"));
        store.create(first);

        // WHEN another run with the same id is created, through this instance and through another
        Run second = running("run-1", "other", Instant.parse("2024-05-02T12:00:00Z"));
        boolean again = store.create(second);
        boolean elsewhere = reopen().create(second);

        // THEN both are refused and nothing changes
        assertThat(again).isFalse();
        assertThat(elsewhere).isFalse();
        assertThat(reopen().find("run-1")).contains(first);
        assertThat(store.list()).containsExactly(first);
    }

    @Test
    public void create_null_isRefused() {
        assertThatThrownBy(() -> store.create(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("run must not be null");
    }

    // -------------------------------------------------------------------------------------- update

    @Test
    public void update_storedRun_replacesItForEveryInstance() throws Exception {
        // GIVEN a run started through the tracker
        ActiveRun active = Tracker.of(store, CLOCK).start("weather", "schedule");

        // WHEN it records a metric and finishes
        Run done = active.metric("accuracy", 0.9, 3).finish();

        // THEN every instance reads the finished run
        assertThat(done.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(store.find(active.id())).contains(done);
        assertThat(reopen().find(active.id())).contains(done);
        assertThat(reopen().list()).containsExactly(done);
    }

    @Test
    public void update_unknownId_isRefusedAndStoresNothing() {
        // GIVEN a run that was never created
        Run ghost = running("run-ghost", "weather", Instant.parse("2024-05-01T12:00:00Z"));

        // WHEN / THEN
        assertThatThrownBy(() -> store.update(ghost)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(noSuchRunMessage("run-ghost"));
        assertThat(store.find("run-ghost")).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    public void update_null_isRefused() {
        assertThatThrownBy(() -> store.update(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("run must not be null");
    }

    @Test
    public void progress_stepsRecorded_visibleToEveryInstanceBeforeTheRunEnds() throws Exception {
        // GIVEN a run that writes at steps only (as the pipeline does)
        ActiveRun active = Tracker.of(store, CLOCK).start("weather", "schedule").saveAtStepsOnly();
        active.metric("accuracy", 0.9);

        // WHEN a step is recorded
        active.step(StepRecord.of("TRAIN", StepOutcome.SUCCEEDED, false, null, ""));

        // THEN every instance reads the running run with the step and the metric before it
        Run seen = reopen().find(active.id()).orElseThrow();
        assertThat(seen.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(seen.steps()).extracting(StepRecord::step).containsExactly("TRAIN");
        assertThat(seen).isEqualTo(active.snapshot());
    }

    @Test
    public void progress_unknownId_isRefusedAndStoresNothing() {
        Run ghost = running("run-ghost", "weather", Instant.parse("2024-05-01T12:00:00Z"));
        assertThatThrownBy(() -> store.progress(ghost)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(noSuchRunMessage("run-ghost"));
        assertThat(store.list()).isEmpty();
    }

    // ---------------------------------------------------------------------------------- find, list

    @Test
    public void find_unknownId_isEmpty() {
        store.create(running("run-1", "weather", Instant.parse("2024-05-01T12:00:00Z")));
        assertThat(store.find("run-2")).isEmpty();
    }

    @Test
    public void list_runsCreatedOutOfOrder_areOrderedByStartTimeThenId() throws Exception {
        // GIVEN runs created out of order; two start at one instant, one a nanosecond later, one a day earlier
        Instant t = Instant.parse("2024-05-01T12:00:00Z");
        Run late = running("run-a", "weather", t.plusNanos(1));
        Run b = running("run-b", "weather", t);
        Run a = running("run-a2", "weather", t);
        Run early = running("run-z", "weather", t.minusSeconds(86_400));
        for (Run r : List.of(late, b, a, early)) {
            assertThat(store.create(r)).isTrue();
        }

        // WHEN / THEN every instance lists them by start time, then id
        assertThat(store.list()).containsExactly(early, a, b, late);
        assertThat(reopen().list()).containsExactly(early, a, b, late);
    }

    // -------------------------------------------------------------------------------------- format

    @Test
    public void find_goldenRun_readsBackByteIdentical() throws Exception {
        // GIVEN the run of the golden file, recorded in the store
        Run run = sample(store);

        // WHEN another instance reads it
        Run back = reopen().find(run.id()).orElseThrow();

        // THEN it is equal, and its JSON is byte-identical to the golden file
        assertThat(back).isEqualTo(run);
        assertThat(back.toJson()).isEqualTo(golden());
        assertThat(back.id()).isEqualTo("run-20240501T120000Z-1");
        assertThat(back.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    public void find_hostileText_isStoredAndReadVerbatim() throws Exception {
        // GIVEN a run whose free text holds SQL, quotes, control characters, surrogate pairs and a long value
        ActiveRun r = Tracker.of(store, CLOCK).start("weather'; DROP TABLE mlops_runs; --",
                "reason with \"quotes\", back\\slash, tab\t, newline\n, NUL \u0000 and \uD83C\uDF26 rain");
        r.parameter("sql", "1'); DELETE FROM mlops_runs WHERE ('1' = '1");
        r.parameter("nul", "a\u0000b");
        r.tag("long", "x".repeat(100_000));
        r.metric("tiny", Double.MIN_VALUE).metric("huge", Double.MAX_VALUE, Long.MAX_VALUE);
        Run done = r.finish();

        // WHEN another instance reads it
        Run back = reopen().find(done.id()).orElseThrow();

        // THEN every field is exactly as recorded
        assertThat(back).isEqualTo(done);
        assertThat(back.toJson()).isEqualTo(done.toJson());
        assertThat(back.reason()).contains("\u0000").contains("\uD83C\uDF26");
        assertThat(back.tags().get("long")).hasSize(100_000);
        assertThat(store.list()).containsExactly(done);
    }

    // ------------------------------------------------------------------------------------- run ids

    @Test
    public void start_twoInstancesInOneSecond_claimDistinctIds() throws Exception {
        // GIVEN two trackers with the same fixed clock over two instances of one store
        Tracker one = Tracker.of(store, CLOCK);
        Tracker two = Tracker.of(reopen(), CLOCK);

        // WHEN each starts runs at the same instant
        ActiveRun a = one.start("weather", "schedule");
        ActiveRun b = two.start("weather", "schedule");
        ActiveRun c = one.start("weather", "schedule");

        // THEN the ids are claimed in turn
        assertThat(List.of(a.id(), b.id(), c.id()))
                .containsExactly("run-20240501T120000Z-1", "run-20240501T120000Z-2", "run-20240501T120000Z-3");
        assertThat(store.list()).extracting(Run::id).containsExactly(a.id(), b.id(), c.id());
    }

    @Test
    public void start_concurrentTrackersInOneSecond_claimDistinctIds() throws Exception {
        // GIVEN 4 threads, each with its own store instance and the same fixed clock
        int threads = 4;
        int perThread = 10;
        List<RunStore> stores = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            stores.add(i == 0 ? store : reopen());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            // WHEN they all start runs at once
            List<Future<List<String>>> futures = new ArrayList<>();
            for (RunStore s : stores) {
                futures.add(pool.submit(() -> {
                    go.await();
                    Tracker t = Tracker.of(s, CLOCK);
                    List<String> ids = new ArrayList<>();
                    for (int k = 0; k < perThread; k++) {
                        ids.add(t.start("weather", "concurrent").id());
                    }
                    return ids;
                }));
            }
            go.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get());
            }

            // THEN every run got its own id, 1 to 40, and each is stored once
            TreeSet<String> expected = IntStream.rangeClosed(1, threads * perThread)
                    .mapToObj(n -> "run-20240501T120000Z-" + n).collect(Collectors.toCollection(TreeSet::new));
            assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
            assertThat(new TreeSet<>(all)).isEqualTo(expected);
            assertThat(reopen().list()).extracting(Run::id).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
