package dev.atelier.bench.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object a line, each stamped with {@link Micros#now()} as "t"; thread-safe. */
final class EventLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  EventLog(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.out = Files.newBufferedWriter(file);
  }

  void write(String kind, Map<String, Object> fields) {
    write(Micros.now(), kind, fields);
  }

  synchronized void write(long t, String kind, Map<String, Object> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("t", t);
    line.put("kind", kind);
    line.putAll(fields);
    try {
      out.write(JSON.writeValueAsString(line));
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
