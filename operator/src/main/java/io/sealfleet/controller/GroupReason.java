package io.sealfleet.controller;

/** Reasons of a StorageGroup's Ready condition. The constant's name is the Kubernetes reason. */
public enum GroupReason {
    /** No worker lists the group on a storage path. */
    NoMembers,
    HasMembers
}
