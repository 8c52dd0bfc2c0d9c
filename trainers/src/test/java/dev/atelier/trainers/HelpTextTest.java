package dev.atelier.trainers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.trainers.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --help} and the README stay true: every field the parser reads is documented. */
class HelpTextTest {
  @Test
  void helpDocumentsEverySpecFieldAndEveryExitCode() {
    List<String> fields = SpecParser.knownFields();
    assertTrue(fields.size() > 30, fields.toString());
    for (String field : fields) {
      String leaf = field.substring(field.lastIndexOf('.') + 1);
      String parent = field.contains(".") ? field.substring(0, field.indexOf('.')) : null;
      // The help indents a nested field under its parent object.
      int at = parent == null ? 0 : HelpText.TEXT.indexOf("\n  " + parent);
      assertTrue(at >= 0, "help lacks " + parent);
      assertTrue(
          Pattern.compile("\\n\\s+(" + leaf + "\\*?[,\\s]|[a-z_]+, " + leaf + "\\s)")
              .matcher(HelpText.TEXT.substring(at))
              .find(),
          "help lacks " + field);
    }
    for (ExitStatus s : ExitStatus.values()) {
      assertTrue(
          Pattern.compile("\\n\\s+" + s.code() + "\\s+\\w").matcher(HelpText.TEXT).find(),
          "help lacks exit code " + s.code());
    }
  }

  @Test
  void theReadmesSpecTableHasARowForEveryField() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (String field : SpecParser.knownFields()) {
      String leaf = field.substring(field.lastIndexOf('.') + 1);
      boolean row =
          readme.contains("| `" + field + "`")
              || Pattern.compile("\\| `[a-z_.]+`(, `[a-z_]+`)*, `" + leaf + "`")
                  .matcher(readme)
                  .find();
      assertTrue(row, "README has no spec table row for " + field);
    }
    for (ExitStatus s : ExitStatus.values()) {
      assertTrue(readme.contains("| " + s.code() + " | " + s.name() + " |"), s.name());
    }
  }
}
