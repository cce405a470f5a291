package io.sealfleet.controller;

/** Reasons of a SealingWorker's Ready condition. The constant's name is the Kubernetes reason. */
public enum WorkerReason {
    /** The agent renews its Lease. */
    Heartbeating,
    /** The agent heartbeated once and stopped: the worker is Lost. */
    HeartbeatExpired,
    PodNotCreated,
    PodNotRunning,
    /** The pod runs but its agent has not heartbeated yet. */
    WaitingForHeartbeat,
    /** No node can run the pod (for example none has the GPUs it asks for). */
    Unschedulable,
    /** Paused or being deleted, with tasks still on it. */
    Draining,
    /** Paused or being deleted, with no task left. */
    Drained,
    /** SwapUsable=True: the pod may use the swap it declares. */
    SwapUsable,
    /** SwapUsable=False: the message names what keeps the declared swap from the pod and the fix. */
    SwapNotUsable,
    /** Capabilities=True: the agent read sealer capabilities; the message lists the task types and sector sizes. */
    CapabilitiesReported,
    /** Capabilities=False: sealer capabilities failed; the worker takes no kernel work until it succeeds. */
    CapabilitiesUnreadable,
    /** Prover=True: the executable of spec.externalProver's adapter is installed on the worker. */
    ProverInstalled,
    /** Prover=False: the adapter's executable is missing or not executable; Commit2 and ProveReplicaUpdate2 wait. */
    ProverNotInstalled
}
