package io.sealfleet.agent.prover;

import io.sealfleet.agent.KernelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** Runs the prover's process to completion and returns its stdout; a non-zero exit throws. */
@FunctionalInterface
public interface ProcessRunner {
    byte[] run(List<String> command, Path workDir, InputStream stdin) throws KernelException, IOException, InterruptedException;
}
