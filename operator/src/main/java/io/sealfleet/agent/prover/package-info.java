/**
 * Prover adapters: how the worker agent hands a SNARK (Commit2, ProveReplicaUpdate2) to the prover a
 * SealingWorker names in {@code spec.externalProver}, and reads the proof back.
 */
package io.sealfleet.agent.prover;
