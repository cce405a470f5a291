/**
 * The custom resources of group {@code sealing.sealfleet.io/v1alpha1}: SectorTask, SealingWorker and
 * StorageGroup. The CRD YAML in {@code crds/} is generated from these classes.
 */
package io.sealfleet.api;
