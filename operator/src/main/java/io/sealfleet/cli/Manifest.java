package io.sealfleet.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One sealfleet object read from a file, with where it came from for error messages. */
public record Manifest(String source, HasMetadata object) {
    /** "examples/cpu-box/worker.yaml#2 (SealingWorker default/pc1-box)" */
    public String label() {
        return source + " (" + object.getKind() + " " + object.getMetadata().getNamespace() + "/"
                + object.getMetadata().getName() + ")";
    }
}
