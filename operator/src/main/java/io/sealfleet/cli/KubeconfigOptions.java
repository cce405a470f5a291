package io.sealfleet.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The cluster-selecting options of the commands that talk to an API server the way kubectl does. */
final class KubeconfigOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file. Default: in-cluster config, then $KUBECONFIG or ~/.kube/config.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context.")
    String context;
}
