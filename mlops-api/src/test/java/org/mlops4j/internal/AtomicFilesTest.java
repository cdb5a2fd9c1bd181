package org.mlops4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both writes replace the file whole and leave no temporary file behind; a missing directory is named. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void write_existingFile_replacedWhole() throws IOException {
        Path f = dir.resolve("run.json");
        Files.writeString(f, "old content that is longer");
        AtomicFiles.write(f, "new".getBytes(StandardCharsets.UTF_8), "run record");
        assertThat(Files.readString(f)).isEqualTo("new");
        assertThat(entries()).containsExactly("run.json");
    }

    @Test
    void writeUnforced_existingFile_replacedWhole() throws IOException {
        Path f = dir.resolve("run.json");
        Files.writeString(f, "old content that is longer");
        AtomicFiles.writeUnforced(f, "progress".getBytes(StandardCharsets.UTF_8), "run record");
        assertThat(Files.readString(f)).isEqualTo("progress");
        assertThat(entries()).containsExactly("run.json");
    }

    @Test
    void writeUnforced_missingDirectory_namesTheFile() {
        Path f = dir.resolve("absent").resolve("run.json");
        assertThatThrownBy(() -> AtomicFiles.writeUnforced(f, new byte[1], "run record"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("could not write run record " + f);
    }

    private String[] entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }
}
