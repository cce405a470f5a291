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

/** One task of the sealing pipeline (AddPiece, PreCommit1, …) for one sector. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("SectorTask")
@Plural("sectortasks")
@ShortNames("st")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.type", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Sector", jsonPath = ".spec.sector", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Miner", jsonPath = ".spec.miner", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Worker", jsonPath = ".status.worker", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Size", jsonPath = ".spec.sectorSize", type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
@AdditionalPrinterColumn(name = "Attempt", jsonPath = ".status.attempt", type = AdditionalPrinterColumn.Type.INTEGER,
        priority = 1)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.message", type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
public class SectorTask extends CustomResource<SectorTaskSpec, SectorTaskStatus> implements Namespaced {
}
