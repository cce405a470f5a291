package io.sealfleet.lotus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failed task's Return: the zero result of reference §5 and the CallError code the miner acts on. */
class ReturnErrorsTest {
    @Test
    void noSpaceIs102AndLostPushedDataIs101SoTheMinerRetriesTheStep() {
        assertThat(ReturnSender.codeOf("InsufficientStorage", false)).isEqualTo(102);
        assertThat(ReturnSender.codeOf("InputMissing", true)).as("pushed piece data lost in a bridge restart").isEqualTo(101);
    }

    @Test
    void anyOtherFailureIsPermanentSoTheMinersFailureStatesTakeOver() {
        assertThat(ReturnSender.codeOf("KernelFailed", false)).isZero();
        assertThat(ReturnSender.codeOf("InputMissing", false)).as("a piece URL the worker could not read").isZero();
        assertThat(ReturnSender.codeOf(null, false)).isZero();
    }

    @Test
    void zeroResultsAreTheReferencesShapes() {
        assertThat(ReturnShapes.zero(LotusMethod.AddPiece).toString()).isEqualTo("{\"Size\":0,\"PieceCID\":null}");
        assertThat(ReturnShapes.zero(LotusMethod.SealPreCommit2).toString()).isEqualTo("{\"Unsealed\":null,\"Sealed\":null}");
        assertThat(ReturnShapes.zero(LotusMethod.SealPreCommit1).isNull()).isTrue();
        assertThat(ReturnShapes.zero(LotusMethod.SealCommit1).isNull()).isTrue();
        assertThat(ReturnShapes.zero(LotusMethod.SealCommit2).isNull()).isTrue();
    }
}
