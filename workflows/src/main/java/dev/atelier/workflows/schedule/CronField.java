package dev.atelier.workflows.schedule;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One field of a 5-field cron expression, read as croniter (Airflow's cron library) reads it:
 * {@code *}, {@code ?}, numbers, names ({@code JAN}, {@code MON}), ranges {@code a-b}, steps {@code
 * *}/{@code n}, {@code a/n} and {@code a-b/n}, and lists of those. {@code L}, {@code W} and {@code
 * #} are refused: a Temporal Schedule's calendar cannot express them, so a Dag using them could
 * never fire on the instants its cron promises.
 */
enum CronField {
  MINUTE("minute", 0, 59, List.of()),
  HOUR("hour", 0, 23, List.of()),
  DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
  MONTH(
      "month",
      1,
      12,
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
  // 7 is Sunday too, as in croniter; names start at SUN = 0.
  DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

  final String label;
  final int min;
  final int max;
  private final List<String> names;

  CronField(String label, int min, int max, List<String> names) {
    this.label = label;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  /** The highest value a matching instant can have (Sunday folds 7 onto 0). */
  int top() {
    return this == DAY_OF_WEEK ? 6 : max;
  }

  /**
   * The values {@code text} selects.
   *
   * @throws IllegalArgumentException naming this field, the bad part and the rule
   */
  BitSet parse(String text) {
    BitSet values = new BitSet();
    for (String item : text.split(",", -1)) {
      parseItem(item, values);
    }
    if (this == DAY_OF_WEEK && values.get(7)) {
      values.clear(7);
      values.set(0);
    }
    return values;
  }

  private void parseItem(String item, BitSet values) {
    if (item.isEmpty()) {
      throw problem(item, "an empty list item");
    }
    if (item.contains("#")) {
      throw unsupported(item);
    }
    String range = item;
    int step = 1;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      range = item.substring(0, slash);
      step = number(item.substring(slash + 1), item);
      if (step < 1) {
        throw problem(item, "a step must be at least 1");
      }
    }
    int from;
    int to;
    if (range.equals("*") || range.equals("?")) {
      from = min;
      to = top();
    } else if (range.contains("-")) {
      String[] ends = range.split("-", -1);
      if (ends.length != 2) {
        throw problem(item, "a range is a-b");
      }
      from = value(ends[0], item);
      to = value(ends[1], item);
      if (from > to) {
        throw problem(item, "a range must not run backwards");
      }
    } else {
      from = value(range, item);
      // croniter: "a/n" means from a to the end of the field, every n.
      to = slash >= 0 ? top() : from;
    }
    for (int v = from; v <= to; v += step) {
      values.set(v);
    }
  }

  private int value(String text, String item) {
    String upper = text.toUpperCase(Locale.ROOT);
    int index = names.indexOf(upper);
    if (index < 0 && (upper.contains("L") || upper.contains("W"))) {
      throw unsupported(item);
    }
    int v = index < 0 ? number(text, item) : index + (this == MONTH ? 1 : 0);
    if (v < min || v > max) {
      throw problem(item, "values must be between " + min + " and " + max);
    }
    return v;
  }

  private int number(String text, String item) {
    if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 4) {
      throw problem(
          item,
          names.isEmpty()
              ? "'" + text + "' is not a number"
              : "'" + text + "' is not a number or a name (" + String.join(", ", names) + ")");
    }
    return Integer.parseInt(text);
  }

  private IllegalArgumentException unsupported(String item) {
    return problem(item, "L, W and # are not supported (a Temporal Schedule cannot express them)");
  }

  private IllegalArgumentException problem(String item, String rule) {
    return new IllegalArgumentException(label + " field '" + item + "': " + rule);
  }
}
