package io.sealfleet.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One sealing machine's worth of capacity, run as one worker pod. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("SealingWorker")
@Plural("sealingworkers")
@ShortNames("sw")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Node", jsonPath = ".status.node", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Tasks", jsonPath = ".status.tasks", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "CPU", jsonPath = ".status.capacity.cpu", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Memory", jsonPath = ".status.capacity.memory", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "GPU", jsonPath = ".status.capacity.gpuProduct", type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
@AdditionalPrinterColumn(name = "Paused", jsonPath = ".spec.paused", type = AdditionalPrinterColumn.Type.BOOLEAN,
        priority = 1)
@AdditionalPrinterColumn(name = "Pod", jsonPath = ".status.pod", type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
public class SealingWorker extends CustomResource<SealingWorkerSpec, SealingWorkerStatus> implements Namespaced {
}
