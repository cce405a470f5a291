package io.sealfleet.scheduler;

import java.util.List;

/** A task's GPU requirement: one of the products (empty: any), with at least minMemoryMiB. */
public record GpuNeed(List<String> products, long minMemoryMiB) {
    public GpuNeed {
        products = products == null ? List.of() : List.copyOf(products);
    }

    boolean satisfiedBy(Capacity c) {
        if (c.gpus() <= 0) {
            return false;
        }
        if (!products.isEmpty() && !products.contains(c.gpuProduct())) {
            return false;
        }
        return c.gpuMemoryMiB() >= minMemoryMiB;
    }

    String describe() {
        String what = products.isEmpty() ? "a GPU" : "a GPU of " + String.join(" or ", products);
        return minMemoryMiB > 0 ? what + " with " + minMemoryMiB + " MiB" : what;
    }
}
