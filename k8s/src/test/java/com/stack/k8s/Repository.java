package com.stack.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the repository: the k8s module is one folder below its root. */
final class Repository {

    static final Path ROOT = locateRoot();
    static final Path K8S = ROOT.resolve("k8s");

    /** The project version: the tag every image is built with. */
    static final String VERSION = System.getProperty("stack.version", "0.1.0-SNAPSHOT");

    private Repository() {}

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locateRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("k8s").resolve("base"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no k8s/base above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
