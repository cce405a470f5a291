package io.sealfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Help is written in paragraphs that picocli wraps to the terminal; a description split into
 * fixed-width lines gets re-wrapped mid-sentence ("and prints" / "which task goes ...").
 */
class HelpTextTest {
    @Test
    void everyDescriptionParagraphIsAWholeSentence() {
        CommandLine root = Main.commandLine();
        for (CommandLine sub : root.getSubcommands().values()) {
            for (String paragraph : sub.getCommandSpec().usageMessage().description()) {
                assertThat(paragraph.replaceAll("%n$", "")).as(sub.getCommandName() + " help paragraph").matches("(?s).*[.)]$");
            }
        }
    }

    @Test
    void rootHelpListsTheExitCodes() {
        String help = Main.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String code : List.of("0", "1", "2", "3")) {
            assertThat(help).containsPattern("(?m)^\\s+" + code + "\\s+\\S");
        }
        assertThat(help).contains("cannot be reached");
    }
}
