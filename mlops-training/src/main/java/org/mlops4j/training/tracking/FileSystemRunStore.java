package org.mlops4j.training.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mlops4j.internal.AtomicFiles;
import org.mlops4j.internal.Checks;

/**
 * A {@link RunStore} in a directory: {@code <id>.json} per run ({@code mlops4j.run/1}). A new run's
 * id is claimed by creating {@code <id>.claim} exclusively (atomic across processes); every write of
 * the record goes through a temporary file that is forced to disk and renamed into place, so a
 * reader (or a crash) sees a whole record, old or new, never part of one. Thread-safe; several
 * processes may share the directory (each run is written by the one process that claimed it).
 */
final class FileSystemRunStore implements RunStore {
    private final Path dir;

    FileSystemRunStore(Path directory) {
        Checks.checkNotNull(directory, "directory");
        this.dir = directory.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the run store directory " + dir, e);
        }
    }

    @Override
    public String description() {
        return "run store at " + dir;
    }

    @Override
    public boolean create(Run run) {
        Checks.checkNotNull(run, "run");
        try {
            Files.createFile(dir.resolve(run.id() + ".claim"));
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("could not claim run id " + run.id() + " in " + dir, e);
        }
        write(run);
        return true;
    }

    @Override
    public void update(Run run) {
        Checks.checkNotNull(run, "run");
        Checks.checkArgument(Files.exists(dir.resolve(run.id() + ".claim")), "no run has id %s in %s",
                Checks.quote(run.id()), dir);
        write(run);
    }

    @Override
    public void progress(Run run) {
        Checks.checkNotNull(run, "run");
        Checks.checkArgument(Files.exists(dir.resolve(run.id() + ".claim")), "no run has id %s in %s",
                Checks.quote(run.id()), dir);
        AtomicFiles.writeUnforced(dir.resolve(run.id() + ".json"), run.toJson().getBytes(StandardCharsets.UTF_8),
                "run record");
    }

    private void write(Run run) {
        AtomicFiles.write(dir.resolve(run.id() + ".json"), run.toJson().getBytes(StandardCharsets.UTF_8),
                "run record");
    }

    @Override
    public Optional<Run> find(String id) {
        Names.checkRunId(id);
        Path file = dir.resolve(id + ".json");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read run record " + file, e);
        }
        try {
            return Optional.of(Run.fromJson(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Run> list() {
        List<Run> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!name.startsWith(".")) {
                    find(name.substring(0, name.length() - ".json".length())).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the run store " + dir, e);
        }
        out.sort(InMemoryRunStore.ORDER);
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return description();
    }
}
