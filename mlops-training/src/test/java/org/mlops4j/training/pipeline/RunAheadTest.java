package org.mlops4j.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Work run ahead is done exactly once, wherever it runs, and its failure reaches the taker unchanged. */
class RunAheadTest {

    @Test
    void take_executorRanIt_returnsItsResultWithoutRunningAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        RunAhead<String> r = RunAhead.start(Runnable::run, () -> "done " + runs.incrementAndGet());
        assertThat(r.take()).isEqualTo("done 1");
        assertThat(r.take()).isEqualTo("done 1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void take_executorRefusedOrNeverRan_runsItOnTheTakersThread() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        Executor idle = queued::add;
        Executor refusing = t -> {
            throw new RejectedExecutionException("full");
        };
        for (Executor e : new Executor[] {idle, refusing}) {
            AtomicInteger runs = new AtomicInteger();
            RunAhead<Thread> r = RunAhead.start(e, () -> {
                runs.incrementAndGet();
                return Thread.currentThread();
            });
            assertThat(r.take()).isSameAs(Thread.currentThread());
            assertThat(runs).hasValue(1);
        }
        queued.forEach(Runnable::run);            // the idle executor wakes up late: nothing runs twice
        assertThat(queued).hasSize(1);
    }

    @Test
    void take_workThrows_rethrowsTheSameException() {
        IllegalArgumentException boom = new IllegalArgumentException("no such column 'x'");
        RunAhead<String> r = RunAhead.start(Runnable::run, () -> {
            throw boom;
        });
        assertThatThrownBy(r::take).isSameAs(boom);
    }

    @Test
    void take_afterCancel_saysSo() {
        RunAhead<String> r = RunAhead.start(t -> { }, () -> "never");
        r.cancel();
        assertThatThrownBy(r::take).isInstanceOf(IllegalStateException.class).hasMessage("the work was cancelled");
    }
}
