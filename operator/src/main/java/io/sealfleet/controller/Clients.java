package io.sealfleet.controller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
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
        Config config = kubeconfig == null ? Config.autoConfigure(context)
                : Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
        return tolerant(config);
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
