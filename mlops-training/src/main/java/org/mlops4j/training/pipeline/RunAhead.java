package org.mlops4j.training.pipeline;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Work a pipeline run starts before the step that needs it: handed to an executor, and taken by the
 * step, which runs it on its own thread when no thread has started it (a busy, refusing or idle
 * executor only costs time). Used by one run's thread; the work itself must not depend on where it
 * runs.
 */
final class RunAhead<T> {
    private final FutureTask<T> task;

    private RunAhead(Callable<T> work) {
        this.task = new FutureTask<>(work);
    }

    /** Hands {@code work} to {@code executor} (a refusal leaves it to {@link #take()}). */
    static <T> RunAhead<T> start(Executor executor, Callable<T> work) {
        RunAhead<T> r = new RunAhead<>(work);
        try {
            executor.execute(r.task);
        } catch (RejectedExecutionException e) {
            // take() runs it on the caller's thread
        }
        return r;
    }

    /** Runs the work here unless a thread started it; its result. */
    T take() throws InterruptedException {
        task.run();                               // no-op when a thread started it already
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (CancellationException e) {
            throw new IllegalStateException("the work was cancelled", e);
        }
    }

    /** Not needed any more: never runs if not started (one that runs finishes, unread). */
    void cancel() {
        task.cancel(false);
    }
}
