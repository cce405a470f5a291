package io.sealfleet.cli;

import java.nio.file.Path;

/** The repository root, as Surefire passes it. */
final class RepoPaths {
    private RepoPaths() {
    }

    static Path root() {
        return Path.of(System.getProperty("sealfleet.repo.root", "..")).toAbsolutePath().normalize();
    }
}
