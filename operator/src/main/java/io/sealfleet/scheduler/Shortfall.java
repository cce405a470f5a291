package io.sealfleet.scheduler;

/** Why a worker cannot take a task: a CamelCase code and the figures, e.g. "needs 56 GiB free RAM, has 40 GiB". */
public record Shortfall(String code, String detail) {
}
