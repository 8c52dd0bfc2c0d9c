package dev.atelier.trainers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.spec.SrSpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code --help} and the README document every srgan4x hyperparameter and content_features. */
class SrDocsTest {
  @Test
  void everySrFieldIsInTheHelpAndTheReadme() throws Exception {
    String all = Files.readString(Path.of("README.md"));
    String readme = all.substring(all.indexOf("## Super-resolution"), all.indexOf("## Tests"));
    for (String hp : SrSpecParser.HYPERPARAMS) {
      assertTrue(HelpText.TEXT.contains(hp), "help lacks hyperparams." + hp);
      assertTrue(
          readme.contains("`hyperparams." + hp + "`") || readme.contains(", `" + hp + "`"),
          "README lacks hyperparams." + hp);
    }
    for (String f : new String[] {"path", "weight", "input_range"}) {
      assertTrue(
          readme.contains("| `content_features." + f + "` |"),
          "README lacks content_features." + f);
      String help = HelpText.TEXT.substring(HelpText.TEXT.indexOf("\n  content_features"));
      assertTrue(help.contains("\n    " + f), "help lacks content_features." + f);
    }
  }
}
