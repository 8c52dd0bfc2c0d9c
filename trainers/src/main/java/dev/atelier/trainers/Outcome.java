package dev.atelier.trainers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a trial ended, as written to {@code <output_dir>/result.json} on every exit path: the
 * launcher reads it to tell a bad spec from a crash without parsing logs.
 */
public record Outcome(ExitStatus status, String reason, int lastStep, Map<String, Double> metrics) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void writeTo(Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status.name());
    m.put("exit_code", status.code());
    m.put("reason", reason);
    m.put("last_step", lastStep);
    m.put("metrics", metrics);
    Path tmp = outputDir.resolve("result.json.tmp");
    JSON.writeValue(tmp.toFile(), m);
    Files.move(
        tmp,
        outputDir.resolve("result.json"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
