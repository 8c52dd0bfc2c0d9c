package dev.atelier.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -o, --output table|json}, as Airflow's CLI: a table of the command's columns (a header of
 * upper-case names, columns padded to their widest value), or the same rows as a JSON array of
 * objects keyed by the columns' snake_case names.
 */
public final class Output {
  /** The formats {@code --output} takes. */
  public enum Format {
    table,
    json
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table (default) or json")
  Format format = Format.table;

  public boolean json() {
    return format == Format.json;
  }

  private PrintWriter out() {
    return command.commandLine().getOut();
  }

  /** Rows whose keys (the same for each, in order) are the columns. */
  public void rows(List<? extends Map<String, ?>> rows, List<String> columns) {
    if (json()) {
      value(rows);
      return;
    }
    List<List<String>> cells = new ArrayList<>();
    cells.add(columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList());
    for (Map<String, ?> row : rows) {
      cells.add(columns.stream().map(c -> show(row.get(c))).toList());
    }
    int[] widths = new int[columns.size()];
    for (List<String> line : cells) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    for (List<String> line : cells) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        text.append(i == line.size() - 1 ? line.get(i) : pad(line.get(i), widths[i] + 2));
      }
      out().println(text.toString().stripTrailing());
    }
    out().flush();
  }

  /** Any value as JSON (for {@code --output json}). */
  public void value(Object value) {
    try {
      out().println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out().flush();
  }

  /** A plain line (table mode's one-value answers). */
  public void line(String text) {
    out().println(text);
    out().flush();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String show(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "-" : String.join(",", list.stream().map(String::valueOf).toList());
    }
    if (value instanceof Map<?, ?>) {
      try {
        return new ObjectMapper().writeValueAsString(value);
      } catch (JsonProcessingException e) {
        return String.valueOf(value);
      }
    }
    return String.valueOf(value);
  }
}
