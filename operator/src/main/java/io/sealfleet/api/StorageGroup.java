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

/** A named group of sealing storage paths (sectorstore.json Groups) and where its sectors may go. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("StorageGroup")
@Plural("storagegroups")
@ShortNames("sg")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Paths", jsonPath = ".status.pathCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Available", jsonPath = ".status.available", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Sectors", jsonPath = ".status.sectors", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class StorageGroup extends CustomResource<StorageGroupSpec, StorageGroupStatus> implements Namespaced {
}
