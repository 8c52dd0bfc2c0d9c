package dev.atelier.ui.rest.airflow;

import dev.atelier.ui.service.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Airflow 2's Pool as a POST or PATCH body: {@code name}, {@code slots} (a whole number, -1 for
 * unlimited), {@code description}, {@code include_deferred}. The read-only fields of the Pool
 * object (slot counts) are ignored, as Airflow ignores them; any other field is refused. Every
 * problem is reported at once in one 400 that names the field, the value and the rule.
 */
record PoolBody(String name, Integer slots, String description, Boolean includeDeferred) {
  static final Set<String> WRITABLE = Set.of("name", "slots", "description", "include_deferred");
  private static final Set<String> READ_ONLY =
      Set.of(
          "occupied_slots",
          "running_slots",
          "queued_slots",
          "scheduled_slots",
          "deferred_slots",
          "open_slots");

  /** Airflow's longest pool name. */
  static final int NAME_LEN = 256;

  static PoolBody parse(Map<String, Object> body) {
    if (body == null) {
      throw ApiProblem.badRequest("body: missing; send a Pool object as JSON");
    }
    List<String> problems = new ArrayList<>();
    for (String field : body.keySet()) {
      if (!WRITABLE.contains(field) && !READ_ONLY.contains(field)) {
        problems.add(
            field + ": unknown field; a Pool takes " + WRITABLE.stream().sorted().toList());
      }
    }
    Object name = body.get("name");
    String nameText = null;
    if (name != null) {
      if (!(name instanceof String s) || s.isBlank()) {
        problems.add("name: '" + name + "' is not a non-empty string");
      } else if (s.indexOf('\0') >= 0) {
        problems.add("name: '" + s.replace("\0", "\\u0000") + "' must not contain NUL (U+0000)");
      } else if (s.length() > NAME_LEN) {
        problems.add(
            "name: a name of "
                + s.length()
                + " characters is longer than the "
                + NAME_LEN
                + " allowed");
      } else {
        nameText = s;
      }
    }
    Object slots = body.get("slots");
    Integer slotCount = null;
    if (slots != null) {
      if (!(slots instanceof Integer n)) {
        problems.add("slots: '" + slots + "' is not a whole number");
      } else if (n < -1) {
        problems.add("slots: " + n + " must be -1 (unlimited) or more");
      } else {
        slotCount = n;
      }
    }
    Object description = body.get("description");
    if (description != null && !(description instanceof String)) {
      problems.add("description: '" + description + "' is not a string");
    } else if (description instanceof String d && d.indexOf('\0') >= 0) {
      problems.add("description: must not contain NUL (U+0000)");
    }
    Object deferred = body.get("include_deferred");
    if (deferred != null && !(deferred instanceof Boolean)) {
      problems.add("include_deferred: '" + deferred + "' is not true or false");
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.badRequest(String.join("; ", problems));
    }
    return new PoolBody(
        nameText,
        slotCount,
        description instanceof String d && d.indexOf('\0') < 0 ? d : null,
        (Boolean) deferred);
  }
}
