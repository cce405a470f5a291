package io.sealfleet.scheduler;

/** Cores and memory kept for a co-located WindowPoSt; taken off the worker before any check. */
public record PostReserve(int cores, long memory) {
}
