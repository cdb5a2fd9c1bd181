package org.mlops4j.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file through a temporary sibling that is forced to disk and then moved into place (and
 * the directory forced where the platform allows), so a reader sees the old content or the new,
 * never half of it, and a crash after {@code write} returns cannot lose it. Internal: not part of mlops4j's API.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Replaces {@code file} with {@code bytes}.
     *
     * @param what what the file is, for the error message ("schema file", "profile file")
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path file, byte[] bytes, String what) {
        write(file, bytes, what, true);
    }

    /**
     * Replaces {@code file} with {@code bytes} atomically but without forcing anything to disk:
     * readers see the old content or the new, and a crash of the process keeps the new; a crash of
     * the machine may bring back the old. For progress records whose final state is written with
     * {@link #write(Path, byte[], String)}.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void writeUnforced(Path file, byte[] bytes, String what) {
        write(file, bytes, what, false);
    }

    private static void write(Path file, byte[] bytes, String what, boolean force) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (force) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            if (force) {
                syncDirectory(target.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + what + " " + file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is left behind; the target is untouched
                }
            }
        }
    }

    /** Forces a directory's entries to disk; a no-op where directories cannot be opened (Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not supported on this platform: the rename is still atomic
        }
    }
}
