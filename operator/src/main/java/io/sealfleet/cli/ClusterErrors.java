package io.sealfleet.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns a failed API call into the one line and exit code a person can act on. */
final class ClusterErrors {
    private ClusterErrors() {
    }

    /**
     * @param what what the command was doing, e.g. "list SealingWorkers"
     * @param url  the API server the client talks to
     */
    static CliFailure describe(KubernetesClientException e, String what, String url) {
        String server = url == null ? "the Kubernetes API" : "the Kubernetes API at " + url.replaceAll("/$", "");
        String unreachable = unreachable(e);
        if (unreachable != null) {
            return new CliFailure(ExitCodes.UNREACHABLE, "cannot reach " + server + " (" + unreachable
                    + "); check that the cluster is up and that --kubeconfig/--context name it", e);
        }
        int code = e.getCode();
        if (code == 401 || code == 403) {
            return new CliFailure(ExitCodes.FAILED, server + " refused to " + what + " (HTTP " + code
                    + "); use a kubeconfig user allowed to read sealing.sealfleet.io objects", e);
        }
        if (code == 404) {
            return new CliFailure(ExitCodes.FAILED, server + " does not know sealfleet's kinds; install the CRDs "
                    + "(kubectl apply -f crds/, or the Helm chart)", e);
        }
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : "no answer it could read";
        return new CliFailure(ExitCodes.FAILED, "could not " + what + " from " + server
                + (code > 0 ? " (HTTP " + code + ": " : " (") + oneLine(status) + ")", e);
    }

    /** Why the server could not be reached, or null when it answered. */
    private static String unreachable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnknownHostException) {
                return "unknown host " + c.getMessage();
            }
            if (c instanceof SocketTimeoutException || c instanceof TimeoutException || c instanceof HttpTimeoutException) {
                return "no answer within " + CommandClients.REQUEST_TIMEOUT_MS / 1000 + " s";
            }
            if (c instanceof ConnectException && c.getClass().getSimpleName().contains("Timeout")) {
                return "no connection within " + CommandClients.CONNECT_TIMEOUT_MS / 1000 + " s";
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
                return "connection refused";
            }
            if (c instanceof SSLException) {
                return "TLS handshake failed: " + oneLine(String.valueOf(c.getMessage()));
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
