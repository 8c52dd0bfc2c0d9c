package dev.atelier.activities.jobs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a text file, reading only its end (trainer logs can grow large). */
public final class LogTail {
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  public static String of(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, raf.length() - MAX_BYTES);
      byte[] bytes = new byte[(int) (raf.length() - start)];
      raf.seek(start);
      raf.readFully(bytes);
      return lastLines(new String(bytes, StandardCharsets.UTF_8), lines);
    } catch (IOException e) {
      return "";
    }
  }

  public static String lastLines(String text, int lines) {
    List<String> all = Arrays.asList(text.strip().split("\\R"));
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
