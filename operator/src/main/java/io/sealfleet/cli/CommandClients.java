package io.sealfleet.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sealfleet.controller.Clients;
import io.sealfleet.controller.InvalidKubeconfigException;
import java.nio.file.Path;

/**
 * Clients for the commands. For those a person waits on ({@code workers}) a dead API server is reported in a
 * few seconds instead of after Fabric8's ten retries with backoff; for every command a bad kubeconfig is bad input.
 */
final class CommandClients {
    static final int CONNECT_TIMEOUT_MS = 3_000;
    static final int REQUEST_TIMEOUT_MS = 10_000;

    private CommandClients() {
    }

    static KubernetesClient connect(Path kubeconfig, String context) {
        Config config = config(kubeconfig, context);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MS);
        config.setRequestRetryBackoffLimit(0);
        return Clients.tolerant(config);
    }

    /** A client for a command that runs until stopped (operator, agent, lotus-worker): Fabric8's own retries. */
    static KubernetesClient forService(Path kubeconfig, String context) {
        return Clients.tolerant(config(kubeconfig, context));
    }

    private static Config config(Path kubeconfig, String context) {
        try {
            return Clients.config(kubeconfig, context);
        } catch (InvalidKubeconfigException e) {
            throw CliFailure.badInput("--kubeconfig " + e.file() + ": " + e.getMessage());
        }
    }
}
