package io.sealfleet.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.controller.Clients;
import io.sealfleet.controller.InvalidKubeconfigException;
import java.nio.file.Path;

/**
 * Clients for commands a person waits on ({@code workers}): a dead API server is reported in a few
 * seconds instead of after Fabric8's ten retries with backoff, and a bad kubeconfig is bad input.
 */
final class CommandClients {
    static final int CONNECT_TIMEOUT_MS = 3_000;
    static final int REQUEST_TIMEOUT_MS = 10_000;

    private CommandClients() {
    }

    static KubernetesClient connect(Path kubeconfig, String context) {
        Config config;
        try {
            config = Clients.config(kubeconfig, context);
        } catch (InvalidKubeconfigException e) {
            throw CliFailure.badInput("--kubeconfig " + e.file() + ": " + e.getMessage());
        }
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MS);
        config.setRequestRetryBackoffLimit(0);
        return Clients.tolerant(config);
    }
}
