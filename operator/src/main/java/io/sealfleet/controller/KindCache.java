package io.sealfleet.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sealfleet.api.validation.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The objects of one sealfleet kind as an informer sees them, each converted to its API class on its own
 * (an object that does not parse is reported, the others are unaffected), with the loop's own writes laid
 * over the informer's copy until the informer catches up (read-your-writes: a pass never plans with a
 * task it has already bound shown as unbound).
 */
final class KindCache<T extends HasMetadata> {
    /** One object: the stored form, the typed form (null when it does not parse) and why not. */
    record Item<T>(GenericKubernetesResource raw, T object, FieldError parseError) {
        String key() {
            return raw.getMetadata().getNamespace() + "/" + raw.getMetadata().getName();
        }
    }

    private record Converted<T>(String resourceVersion, Item<T> item) {
    }

    private record Written(String baseVersion, GenericKubernetesResource object) {
    }

    final Class<T> type;
    final ResourceDefinitionContext context;
    private final Map<String, Converted<T>> converted = new ConcurrentHashMap<>();
    private final Map<String, Written> overlay = new ConcurrentHashMap<>();
    private SharedIndexInformer<GenericKubernetesResource> informer;

    KindCache(Class<T> type) {
        this.type = type;
        this.context = ResourceDefinitionContext.fromResourceType(type);
    }

    CompletableFuture<Void> start(KubernetesClient client, String namespace, Runnable onChange) {
        var op = client.genericKubernetesResources(context);
        informer = namespace == null ? op.inAnyNamespace().runnableInformer(0) : op.inNamespace(namespace).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                onChange.run();
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                onChange.run();
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                converted.remove(obj.getMetadata().getUid());
                overlay.remove(obj.getMetadata().getUid());
                onChange.run();
            }
        });
        return informer.start().toCompletableFuture().thenApply(x -> null);
    }

    void stop() {
        if (informer != null) {
            informer.stop();
        }
    }

    boolean hasSynced() {
        return informer != null && informer.hasSynced();
    }

    /** Every object, the loop's newer writes preferred over the informer's copy. */
    List<Item<T>> list() {
        List<Item<T>> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GenericKubernetesResource cached : informer.getStore().list()) {
            String uid = cached.getMetadata().getUid();
            seen.add(uid);
            out.add(item(resolve(cached)));
        }
        overlay.keySet().retainAll(seen);
        converted.keySet().retainAll(seen);
        return out;
    }

    private GenericKubernetesResource resolve(GenericKubernetesResource cached) {
        String uid = cached.getMetadata().getUid();
        Written w = overlay.get(uid);
        if (w == null) {
            return cached;
        }
        if (cached.getMetadata().getResourceVersion().equals(w.baseVersion())) {
            return w.object();
        }
        overlay.remove(uid);
        return cached;
    }

    private Item<T> item(GenericKubernetesResource raw) {
        String uid = raw.getMetadata().getUid();
        String rv = raw.getMetadata().getResourceVersion();
        Converted<T> c = converted.get(uid);
        if (c != null && c.resourceVersion().equals(rv)) {
            return c.item();
        }
        Json.Converted<T> conv = Json.convert(raw, type);
        Item<T> item = new Item<>(raw, conv.object(), conv.error());
        converted.put(uid, new Converted<>(rv, item));
        return item;
    }

    /** Records a successful write so later passes see it before the informer does. */
    void wrote(GenericKubernetesResource before, GenericKubernetesResource after) {
        String uid = after.getMetadata().getUid();
        overlay.compute(uid, (k, existing) -> {
            String base = existing != null
                    && existing.object().getMetadata().getResourceVersion().equals(before.getMetadata().getResourceVersion())
                    ? existing.baseVersion() : before.getMetadata().getResourceVersion();
            return new Written(base, after);
        });
    }
}
