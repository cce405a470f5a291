/**
 * Kubernetes plumbing shared by the operator and the worker agent: the one way status is written.
 */
package io.sealfleet.kube;
