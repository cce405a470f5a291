package io.sealfleet.kube;

import io.sealfleet.table.Bytes;

/**
 * The swap a worker pod can actually use, by Kubernetes' rules (NodeSwap): with the kubelet's
 * {@code swapBehavior: NoSwap} (the default) no pod gets swap; with {@code LimitedSwap} only the
 * containers of Burstable pods whose memory limit differs from their request do, each
 * {@code memoryRequest / nodeMemory × nodeSwap}. Guaranteed pods (requests = limits) and BestEffort pods
 * get none. The kubelet's swap behaviour is not in the Node object, so a node that runs LimitedSwap
 * says so with the label {@value #BEHAVIOR_LABEL}; its swap size comes from
 * {@code status.nodeInfo.swap.capacity}.
 *
 * <p>A worker that declares {@code spec.resources.swap} therefore runs as a Burstable pod (memory
 * request, no memory limit) and the scheduler counts the smaller of what it declares and what
 * Kubernetes gives it.
 *
 * @param bytes   swap the scheduler may count
 * @param problem why the declared swap is not (all) usable, naming the field and the fix; null when it is
 */
public record UsableSwap(long bytes, String problem) {
    public static final String BEHAVIOR_LABEL = "sealing.sealfleet.io/swap-behavior";
    public static final String LIMITED_SWAP = "LimitedSwap";

    /** What the node offers, as far as the operator can see it. */
    public record NodeSwap(String name, String behavior, long memoryBytes, long swapBytes) {
    }

    /**
     * @param declared      {@code spec.resources.swap} in bytes, 0 when absent
     * @param memoryRequest the worker pod's memory request
     * @param node          the node the pod runs on, or null while it is not scheduled
     */
    public static UsableSwap of(long declared, long memoryRequest, NodeSwap node) {
        if (declared <= 0) {
            return new UsableSwap(0, null);
        }
        String want = "spec.resources.swap: the worker declares " + Bytes.format(declared) + " of swap but ";
        if (node == null) {
            return new UsableSwap(0, want + "its pod is on no node yet, so no swap is counted; it counts once the pod "
                    + "runs on a node labelled " + BEHAVIOR_LABEL + "=" + LIMITED_SWAP);
        }
        if (!LIMITED_SWAP.equals(node.behavior())) {
            return new UsableSwap(0, want + "node " + node.name() + " is not labelled " + BEHAVIOR_LABEL + "=" + LIMITED_SWAP
                    + ", so its kubelet gives pods no swap (swapBehavior NoSwap is the default); enable the NodeSwap "
                    + "feature with memorySwap.swapBehavior: LimitedSwap on the node and label it, or remove spec.resources.swap");
        }
        if (node.swapBytes() <= 0 || node.memoryBytes() <= 0) {
            return new UsableSwap(0, want + "node " + node.name() + " reports no swap (status.nodeInfo.swap.capacity); "
                    + "turn swap on on the node, or remove spec.resources.swap");
        }
        long share = (long) ((double) memoryRequest / node.memoryBytes() * node.swapBytes());
        if (share >= declared) {
            return new UsableSwap(declared, null);
        }
        return new UsableSwap(share, want + "LimitedSwap gives the pod only its memory request's share of node "
                + node.name() + "'s swap: " + Bytes.format(memoryRequest) + " / " + Bytes.format(node.memoryBytes()) + " × "
                + Bytes.format(node.swapBytes()) + " = " + Bytes.format(share) + "; lower spec.resources.swap to "
                + Bytes.format(share) + ", raise spec.resources.memory, or add swap to the node");
    }
}
