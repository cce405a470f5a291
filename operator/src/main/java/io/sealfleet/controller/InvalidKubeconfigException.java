package io.sealfleet.controller;

import java.io.IOException;
import java.nio.file.Path;

/** A kubeconfig file that is missing, unreadable or not a kubeconfig; the message says which, in one line. */
public class InvalidKubeconfigException extends IOException {
    private final transient Path file;

    public InvalidKubeconfigException(Path file, String problem) {
        super(problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
