package io.sealfleet.controller;

import io.sealfleet.api.SectorTaskStatus;

/** An intended change: write this status on this task, conditional on the version the decision saw. */
record TaskWrite(LiveTask task, SectorTaskStatus status) {
}
