package io.sealfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;

/**
 * Each manifest mistake the CRD can catch, with the field and the message a user would see. A CEL rule
 * reports the level it is declared on ({@code spec}, {@code spec.storage[1]}), so for those the rule's
 * message is what names the exact field.
 */
class CrdSchemaRejectsBadObjectsTest {
    private static final CrdSchemaValidator CRD = CrdSchemaValidator.forGeneratedCrds();
    private static final String SEED = "19b25856e1c150ca834cffc8b59b23adbd0ec0389e58eb22b3b64768098d002b";

    @Test
    void misspeltTaskTypeIsRejectedNamingSpecTypeAndTheSupportedValues() {
        assertThat(invalid("task-type-misspelt.yaml"))
                .haveAtLeastOne(at("spec.type", "Unsupported value: \"PreComit1\""))
                .anyMatch(v -> v.message().contains("\"PreCommit1\""));
    }

    @Test
    void minerWithoutTheZeroIsRejectedNamingSpecMinerAndThePattern() {
        assertThat(invalid("task-miner-without-zero.yaml"))
                .haveAtLeastOne(at("spec.miner", "\"f1234\": should match '^[ft]0(0|[1-9][0-9]*)$'"));
    }

    @Test
    void missingMinerIsRejectedAsRequired() {
        assertThat(invalid("task-missing-miner.yaml")).haveAtLeastOne(at("spec.miner", "Required value"));
    }

    @Test
    void preCommit1WithoutTicketIsRejectedNamingSpecTicket() {
        assertThat(invalid("task-precommit1-without-ticket.yaml"))
                .singleElement().is(at("spec", "PreCommit1 needs spec.ticket: the 32-byte sealing randomness "
                        + "from the chain, as 64 lowercase hex digits"));
    }

    @Test
    void commit1WithoutTicketIsRejectedNamingSpecTicket() {
        assertThat(invalid("task-commit1-without-ticket.yaml"))
                .singleElement().is(at("spec", "Commit1, Unseal and ReadUnsealed need spec.ticket"));
    }

    @Test
    void ticketOf62HexDigitsIsRejectedNamingSpecTicket() {
        assertThat(invalid("task-ticket-62-hex.yaml"))
                .singleElement().is(at("spec.ticket", "should match '^[0-9a-f]{64}$'"));
    }

    @Test
    void sectorSize16GiBIsRejectedNamingSpecSectorSize() {
        assertThat(invalid("task-sector-size-16gib.yaml"))
                .singleElement().is(at("spec.sectorSize", "\"16GiB\": should match '^(2KiB|8MiB|512MiB|32GiB|64GiB)$'"));
    }

    @Test
    void negativeDealsAreRejectedNamingSpecDeals() {
        assertThat(invalid("task-negative-deals.yaml"))
                .singleElement().is(at("spec.deals", "should be greater than or equal to 0"));
    }

    @Test
    void readUnsealedWithoutRangeIsRejectedNamingSpecRange() {
        assertThat(invalid("task-readunsealed-without-range.yaml"))
                .singleElement().is(at("spec", "ReadUnsealed needs spec.range"));
    }

    @Test
    void zeroLengthRangeIsRejectedNamingSpecRangeLength() {
        assertThat(invalid("task-range-of-zero-bytes.yaml"))
                .singleElement().is(at("spec.range.length", "should be greater than or equal to 1"));
    }

    @Test
    void piecesOnAPreCommit2AreRejected() {
        assertThat(invalid("task-pieces-on-precommit2.yaml"))
                .singleElement().is(at("spec", "spec.pieces is only for AddPiece"));
    }

    @Test
    void pieceWithoutSourceIsRejectedNamingTheItem() {
        assertThat(invalid("task-piece-without-source.yaml"))
                .singleElement().is(at("spec.pieces[0].source", "Required value"));
    }

    @Test
    void pipelineStartingAtAddPieceWithoutTicketIsRejected() {
        assertThat(invalid("task-pipeline-addpiece-without-ticket.yaml"))
                .singleElement().is(at("spec", "a pipeline that starts at AddPiece needs spec.ticket"));
    }

    @Test
    void zeroRetryAttemptsAreRejected() {
        assertThat(invalid("task-retry-zero-attempts.yaml"))
                .singleElement().is(at("spec.retry.maxAttempts", "should be greater than or equal to 1"));
    }

    @Test
    void misspeltFieldIsReportedAlthoughTheApiServerWouldDropIt() {
        assertThat(invalid("task-unknown-field.yaml"))
                .singleElement().is(at("spec.tiket", "unknown field"));
    }

    @Test
    void objectWithoutNameIsRejectedNamingMetadataName() {
        assertThat(invalid("task-without-name.yaml")).singleElement().is(at("metadata.name", "Required value"));
    }

    @Test
    void storagePathWithBothHostPathAndClaimIsRejectedNamingThePath() {
        assertThat(invalid("worker-path-hostpath-and-claim.yaml"))
                .singleElement().is(at("spec.storage[1]", "set exactly one of hostPath and claimName"));
    }

    @Test
    void duplicatedStorageIdsAreRejected() {
        assertThat(invalid("worker-duplicate-storage-ids.yaml"))
                .singleElement().is(at("spec", "spec.storage ids must be unique within a worker"));
    }

    @Test
    void storagePathThatCanNeitherSealNorStoreIsRejectedNamingThePath() {
        assertThat(invalid("worker-path-neither-seal-nor-store.yaml"))
                .singleElement().is(at("spec.storage[0]", "must allow sealing (canSeal) or long-term storage (canStore)"));
    }

    @Test
    void uppercaseStoragePathIdIsRejected() {
        assertThat(invalid("worker-path-id-uppercase.yaml"))
                .singleElement().is(at("spec.storage[0].id", "should match"));
    }

    @Test
    void workerWithZeroCpusIsRejected() {
        assertThat(invalid("worker-zero-cpus.yaml"))
                .singleElement().is(at("spec.resources.cpu", "should be greater than or equal to 1"));
    }

    @Test
    void memoryWrittenInGBIsRejected() {
        assertThat(invalid("worker-memory-in-gb.yaml"))
                .singleElement().is(at("spec.resources.memory", "\"256GB\": should match"));
    }

    @Test
    void unknownTaskTypeInTheWorkersListIsRejectedNamingTheItem() {
        assertThat(invalid("worker-unknown-task-type.yaml"))
                .singleElement().is(at("spec.tasks[1]", "Unsupported value: \"PreCommit3\""));
    }

    @Test
    void unknownTaintEffectIsRejected() {
        assertThat(invalid("worker-toleration-bad-effect.yaml"))
                .singleElement().is(at("spec.tolerations[0].effect", "\"NoRun\": should match"));
    }

    @Test
    void wrongTypeIsRejectedAndHoldsBackTheCelRulesAsTheApiServerDoes() {
        ObjectNode task = Fixtures.valid("f01234-s8-precommit1");
        task.with("spec").put("sector", "eight");
        task.with("spec").remove("ticket");

        List<Violation> violations = CRD.validate(task);

        assertThat(violations).haveAtLeastOne(at("spec.sector", "must be of type integer, not string"));
        assertThat(violations).noneMatch(v -> v.message().contains("PreCommit1 needs spec.ticket"));
        assertThat(violations).anyMatch(v -> v.message().contains("some validation rules were not checked"));
    }

    @Test
    void objectOfAnotherKindInOurGroupIsRejectedNamingKind() {
        ObjectNode task = Fixtures.valid("f01234-s8-precommit1");
        task.put("kind", "SectorTasks");

        assertThat(CRD.validate(task)).singleElement().is(at("kind", "no CRD serves SectorTasks"));
    }

    @Test
    void changingTheTypeOfAnExistingTaskIsRejectedAsATransition() {
        ObjectNode old = Fixtures.valid("f01234-s8-commit1");
        ObjectNode changed = old.deepCopy();
        changed.with("spec").put("type", "Unseal");

        assertThat(CRD.validate(changed)).as("as a create, the new object is fine").isEmpty();
        assertThat(CRD.validate(changed, old))
                .singleElement().is(at("spec", "miner, sector, sectorSize and type cannot change"));
    }

    @Test
    void addingTheSeedToAWaitingCommit1IsAccepted() {
        ObjectNode waiting = Fixtures.valid("f01234-s8-commit1");
        waiting.with("spec").remove("seed");
        ObjectNode seeded = waiting.deepCopy();
        seeded.with("spec").put("seed", SEED);

        assertThat(CRD.validate(waiting)).as("a Commit1 may wait for its seed").isEmpty();
        assertThat(CRD.validate(seeded, waiting)).isEmpty();
    }

    @Test
    void validFixturesPassAsCreatesAndAsUnchangedUpdates() {
        for (ManifestDocument doc : Fixtures.documents("valid")) {
            if (doc.isSealfleetObject()) {
                assertThat(CRD.validate(doc.object())).as(doc.displayName(Fixtures.dir("valid"))).isEmpty();
                assertThat(CRD.validate(doc.object(), doc.object())).as(doc.displayName(Fixtures.dir("valid"))).isEmpty();
            }
        }
    }

    private static List<Violation> invalid(String file) {
        JsonNode object = Fixtures.object("invalid", file);
        return CRD.validate(object);
    }

    /** A violation at exactly {@code field} whose message contains {@code fragment}. */
    static Condition<Violation> at(String field, String fragment) {
        return new Condition<>(v -> v.field().equals(field) && v.message().contains(fragment),
                "a violation at %s saying \"...%s...\"", field, fragment);
    }
}
