package dev.atelier.ui.service;

import java.util.regex.Pattern;

/**
 * The audit page's question, checked: who ({@code actor}), which action, a target prefix ({@code
 * dag/emoji_dcgan_sweep} is every change to that Dag and its runs) and how many rows. Absent
 * filters (null) match everything; a given one must make sense, or a 400 says why.
 */
public record AuditFilter(String actor, String action, String target, int limit) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
  private static final int MAX_TARGET = 500;

  /** From the query's raw strings. */
  public static AuditFilter of(String actor, String action, String target, String limit) {
    return new AuditFilter(actor(actor), action(action), target(target), limit(limit));
  }

  private static String actor(String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank() || value.length() > 64) {
      throw ApiProblem.badRequest(
          "actor: '" + value + "' must be a user name (1 to 64 characters, not blank) or system");
    }
    return value;
  }

  private static String action(String value) {
    if (value == null) {
      return null;
    }
    if (!ACTION.matcher(value).matches()) {
      throw ApiProblem.badRequest(
          "action: '"
              + value
              + "' is not an action name (lower-case letters, digits, '.', '_' or '-', starting"
              + " with a letter, e.g. trigger, pause, user-add)");
    }
    return value;
  }

  private static String target(String value) {
    if (value == null) {
      return null;
    }
    String prefix = value.strip().replaceAll("/+$", "");
    if (prefix.isEmpty() || value.length() > MAX_TARGET) {
      throw ApiProblem.badRequest(
          "target: '"
              + value
              + "' must be a target path or its prefix (1 to "
              + MAX_TARGET
              + " characters, e.g. dag/emoji_dcgan_sweep or user/ada)");
    }
    return prefix;
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest(
          "limit: '" + value + "' is not a whole number (1 to " + MAX_LIMIT + ")");
    }
    if (n < 1 || n > MAX_LIMIT) {
      throw ApiProblem.badRequest("limit: '" + value + "' must be from 1 to " + MAX_LIMIT);
    }
    return n;
  }
}
