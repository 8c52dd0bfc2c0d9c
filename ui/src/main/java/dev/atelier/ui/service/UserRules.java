package dev.atelier.ui.service;

import dev.atelier.ui.security.RoleHierarchy;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a user name, a role and a password must be. Each refusal names the field, the value (never a
 * password's) and the rule, so {@code ./atelier users} can print it as it is.
 */
final class UserRules {
  /** A name basic auth can carry (no colon, no space) and a shell can type unquoted. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  static final String NAME_RULE =
      "must be 1 to 64 characters: letters, digits, '.', '_', '@' or '-', starting with a letter"
          + " or digit";
  static final int MIN_PASSWORD = 8;

  /** bcrypt reads no further than 72 bytes: a longer password would be silently cut. */
  static final int MAX_PASSWORD_BYTES = 72;

  private UserRules() {}

  static String username(String value) {
    if (value == null) {
      throw ApiProblem.badRequest("username: missing; it " + NAME_RULE);
    }
    if (!NAME.matcher(value).matches()) {
      throw ApiProblem.badRequest("username: '" + value + "' " + NAME_RULE);
    }
    return value;
  }

  static String role(String value) {
    if (value == null) {
      throw ApiProblem.badRequest("role: missing; it must be one of " + RoleHierarchy.RANKS);
    }
    if (!RoleHierarchy.RANKS.contains(value)) {
      throw ApiProblem.badRequest(
          "role: '"
              + value
              + "' is not a role; it must be one of "
              + RoleHierarchy.RANKS
              + " (lowest first)");
    }
    return value;
  }

  static String password(String value) {
    if (value == null || value.isEmpty()) {
      throw ApiProblem.badRequest(
          "password: missing or empty; it must be at least " + MIN_PASSWORD + " characters");
    }
    if (value.codePointCount(0, value.length()) < MIN_PASSWORD) {
      throw ApiProblem.badRequest(
          "password: "
              + value.codePointCount(0, value.length())
              + " characters is too short; it must be at least "
              + MIN_PASSWORD
              + " characters");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw ApiProblem.badRequest(
          "password: "
              + value.getBytes(StandardCharsets.UTF_8).length
              + " bytes is too long; bcrypt reads at most "
              + MAX_PASSWORD_BYTES
              + " bytes (UTF-8)");
    }
    if (value.isBlank()) {
      throw ApiProblem.badRequest("password: only white space; it must have other characters");
    }
    return value;
  }
}
