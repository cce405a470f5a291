package io.sealfleet.controller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Kubernetes clients for the operator and the CLI. */
public final class Clients {
    private Clients() {
    }

    /**
     * A client from a kubeconfig file, or when {@code kubeconfig} is null the usual discovery: in-cluster
     * service account, then {@code $KUBECONFIG} or {@code ~/.kube/config}.
     */
    public static KubernetesClient connect(Path kubeconfig, String context) throws IOException {
        return tolerant(config(kubeconfig, context));
    }

    /**
     * The client configuration {@link #connect} uses.
     *
     * @throws InvalidKubeconfigException when the file is missing, unreadable or not a kubeconfig; the
     *                                    message is one line saying what is wrong with it
     */
    public static Config config(Path kubeconfig, String context) throws InvalidKubeconfigException {
        if (kubeconfig == null) {
            return Config.autoConfigure(context);
        }
        String text;
        try {
            text = Files.readString(kubeconfig);
        } catch (NoSuchFileException e) {
            throw new InvalidKubeconfigException(kubeconfig, "no such file; name an existing kubeconfig, or leave "
                    + "--kubeconfig out to use $KUBECONFIG or ~/.kube/config");
        } catch (IOException e) {
            throw new InvalidKubeconfigException(kubeconfig, "cannot read it (" + e.getMessage() + ")");
        }
        try {
            io.fabric8.kubernetes.api.model.Config parsed = KubeConfigUtils.parseConfigFromString(text);
            if (parsed == null || parsed.getClusters() == null || parsed.getClusters().isEmpty()) {
                throw new InvalidKubeconfigException(kubeconfig, "not a kubeconfig (it lists no clusters)");
            }
            if (context != null && (parsed.getContexts() == null
                    || parsed.getContexts().stream().noneMatch(c -> context.equals(c.getName())))) {
                throw new InvalidKubeconfigException(kubeconfig, "has no context named '" + context + "'");
            }
            return Config.fromKubeconfig(context, text, kubeconfig.toString());
        } catch (RuntimeException e) {
            throw new InvalidKubeconfigException(kubeconfig, "not a valid kubeconfig (" + firstLine(rootCause(e)) + ")");
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? "unreadable content" : t.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    /**
     * A client whose JSON reader turns an enum value it does not know into null, so one object with a typo
     * in an enum is reported as invalid instead of breaking the list (and the informer) of its kind.
     */
    public static KubernetesClient tolerant(Config config) {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        return new KubernetesClientBuilder().withConfig(config)
                .withKubernetesSerialization(new KubernetesSerialization(mapper, true)).build();
    }
}
