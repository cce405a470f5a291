package io.sealfleet.controller;

/** Reasons of the Valid condition, the same for every kind. The constant's name is the Kubernetes reason. */
public enum SpecReason {
    SpecValid,
    /** The spec breaks a rule; the message names the field and the fix. */
    InvalidSpec
}
