package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The bearer token worker agents present to each other's transfer port: one Secret per namespace,
 * created with a random token the first time a worker needs it and never rewritten (a Helm install
 * may have created it already). Worker pods read it through an environment variable.
 */
final class TransferSecret {
    static final String NAME = "sealfleet-transfer-token";
    static final String KEY = "token";
    static final String ENV = "SEALFLEET_TRANSFER_TOKEN";

    private TransferSecret() {
    }

    static void ensure(KubernetesClient client, String namespace) {
        if (client.secrets().inNamespace(namespace).withName(NAME).get() != null) {
            return;
        }
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        Secret s = new SecretBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "sealfleet")).endMetadata()
                .withType("Opaque").withStringData(Map.of(KEY, HexFormat.of().formatHex(token))).build();
        try {
            client.resource(s).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
