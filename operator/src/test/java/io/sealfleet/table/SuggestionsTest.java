package io.sealfleet.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void oneTypoAwayIsSuggested() {
        assertThat(Suggestions.closest("PreComit1", List.of("AddPiece", "PreCommit1", "PreCommit2"))).contains("PreCommit1");
    }

    @Test
    void caseIsIgnoredWhenComparing() {
        assertThat(Suggestions.closest("canseal", List.of("canSeal", "canStore"))).contains("canSeal");
    }

    @Test
    void namesFarFromEveryCandidateGetNoSuggestion() {
        assertThat(Suggestions.closest("memory", List.of("canSeal", "hostPath"))).isEmpty();
        assertThat(Suggestions.didYouMean("memory", List.of("canSeal"))).isEmpty();
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
