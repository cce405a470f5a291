package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Tasks by stage on the worker, named namespace/name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerPools {
    @JsonPropertyDescription("Tasks bound to the worker and not started (its scheduling windows).")
    public List<String> assigned;

    @JsonPropertyDescription("Tasks fetching their inputs (the preparing pool).")
    public List<String> preparing;

    @JsonPropertyDescription("Tasks running (the active pool).")
    public List<String> active;
}
