package io.sealfleet.cli;

import java.nio.file.Path;

/** The repository root, as Surefire passes it. */
public final class RepoPaths {
    private RepoPaths() {
    }

    public static Path root() {
        return Path.of(System.getProperty("sealfleet.repo.root", "..")).toAbsolutePath().normalize();
    }
}
