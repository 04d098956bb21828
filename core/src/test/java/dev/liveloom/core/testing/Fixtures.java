package dev.liveloom.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Shared test media under {@code testdata/} at the repository root (made by
 * {@code testdata/make-fixtures.sh}), and golden files compared with one switch to regenerate:
 * {@code -Dliveloom.regenerate=true}.
 */
public final class Fixtures {
    private Fixtures() {}

    public static Path repoRoot() {
        String p = System.getProperty("liveloom.repo.root");
        Path dir = p != null ? Paths.get(p) : Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("testdata")) && Files.exists(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the repository root (testdata/) above " + dir);
    }

    /** A file under {@code testdata/media}. */
    public static Path media(String name) {
        return repoRoot().resolve("testdata/media").resolve(name);
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(media(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean regenerate() {
        return Boolean.getBoolean("liveloom.regenerate");
    }

    /**
     * Compares {@code actual} with the golden file {@code testdata/golden/<name>}, or rewrites it when
     * regenerating.
     */
    public static void assertGolden(String name, String actual) {
        Path f = repoRoot().resolve("testdata/golden").resolve(name);
        try {
            if (regenerate() || !Files.exists(f)) {
                Files.createDirectories(f.getParent());
                Files.writeString(f, actual, StandardCharsets.UTF_8);
                if (!regenerate()) {
                    throw new AssertionError("golden file " + f + " was missing and has been written; run again");
                }
                return;
            }
            assertThat(actual)
                    .as("golden %s (regenerate with -Dliveloom.regenerate=true)", name)
                    .isEqualTo(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
