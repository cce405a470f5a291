/**
 * The scheduler core: a pure function from workers, storage and the task queue to assignments and
 * waiting reasons. No Kubernetes types live here, so the operator, the agent and {@code sealfleet
 * plan} share it and tests drive it directly.
 */
package io.sealfleet.scheduler;
