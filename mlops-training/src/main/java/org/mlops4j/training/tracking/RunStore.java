package org.mlops4j.training.tracking;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where tracked runs are kept: the storage SPI of tracking. Built-in stores: {@link #inMemory()}
 * and {@link #filesystem(Path)} (one {@code mlops4j.run/1} file per run, written crash-safely).
 * In a database beside a JDBC registry: {@code org.mlops4j.training.tracking.jdbc.JdbcRunStore}.
 *
 * <p>Implementations must be thread-safe; {@link #create} must be atomic (of two creators of one id,
 * exactly one succeeds), and a saved run must be visible to every reader once the call returns.
 */
public interface RunStore {

    /** A store in this JVM's memory. */
    static RunStore inMemory() {
        return new InMemoryRunStore();
    }

    /**
     * A store in a directory (created when absent): {@code DIR/<run id>.json}. Place it beside a
     * filesystem registry, not inside it (the registry's fsck reports foreign files): for example
     * {@code STORE/registry} and {@code STORE/runs}.
     */
    static RunStore filesystem(Path directory) {
        return new FileSystemRunStore(directory);
    }

    /** What and where the store is, for messages. */
    String description();

    /**
     * Stores a new run.
     *
     * @return false (and nothing changes) when a run with this id exists
     */
    boolean create(Run run);

    /**
     * Replaces the stored run with the same id.
     *
     * @throws IllegalArgumentException when no run has that id
     */
    void update(Run run);

    /**
     * Replaces the stored run with the same id by a {@link RunStatus#RUNNING} run's progress (a step
     * recorded). Visible to readers at once, as {@link #update}; a store may skip forcing it to disk,
     * so a crash of the machine (not of the process) may lose progress, never a record written by
     * {@link #update} or {@link #create}. The default calls {@link #update}; the filesystem store
     * writes progress atomically without fsync.
     *
     * @throws IllegalArgumentException when no run has that id
     */
    default void progress(Run run) {
        update(run);
    }

    /** The run with this id. */
    Optional<Run> find(String id);

    /** Every run, ordered by start time, then id. */
    List<Run> list();
}
