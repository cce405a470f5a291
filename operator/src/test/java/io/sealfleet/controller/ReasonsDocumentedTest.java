package io.sealfleet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.AttemptFailure;
import io.sealfleet.cli.RepoPaths;
import io.sealfleet.lifecycle.TaskReason;
import io.sealfleet.scheduler.WaitingCode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every condition reason the operator writes is listed in docs/operator.md, so alerts and runbooks can rely on it. */
class ReasonsDocumentedTest {

    @Test
    void everyReasonEnumConstantAppearsInTheOperatorDocs() throws IOException {
        String doc = Files.readString(RepoPaths.root().resolve("docs/operator.md"));
        List<String> reasons = Stream.of(SpecReason.values(), TaskReason.values(), WorkerReason.values(), GroupReason.values(),
                        WaitingCode.values(), AttemptFailure.values())
                .flatMap(Stream::of).map(Enum::name).toList();
        for (String reason : reasons) {
            assertThat(doc).as("docs/operator.md names reason " + reason).contains("`" + reason + "`");
        }
    }
}
