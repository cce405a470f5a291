package io.sealfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A SNARK prover the worker runs for Commit2, like Lotus's --external-pc2. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalProver {
    @Required
    @JsonPropertyDescription("Command and arguments. It reads the Commit1 output on stdin and writes the proof on stdout.")
    public List<String> command;
}
