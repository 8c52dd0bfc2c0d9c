package dev.atelier.ui.security;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What a start does about the admin account. The demo's {@code admin/admin} is public knowledge, so
 * outside demo mode it is never created, and an app whose users table is empty or still holds it
 * refuses to start until an admin password is configured (which then creates or replaces it) or
 * demo mode is chosen.
 */
final class AdminPasswordRule {
  static final String ADMIN = "admin";
  static final String DEMO_PASSWORD = "admin";
  static final String DEMO_SETTING = "ATELIER_DEMO (atelier.auth.demo)";
  static final String PASSWORD_SETTING = "ATELIER_ADMIN_PASSWORD (atelier.auth.admin-password)";

  enum Action {
    /** Leave the users table as it is. */
    NOTHING,
    /** Create {@code admin/admin}: demo mode and no users yet. */
    SEED_DEMO_ADMIN,
    /** Create {@code admin} with the configured password, or reset its password to it. */
    SET_CONFIGURED_PASSWORD
  }

  private AdminPasswordRule() {}

  /**
   * @param adminHasDemoPassword asked only when the answer matters (it costs a bcrypt check)
   * @throws IllegalStateException naming the settings, when the app must not start
   */
  static Action decide(
      boolean demo,
      Optional<String> configuredPassword,
      long userCount,
      BooleanSupplier adminHasDemoPassword) {
    Optional<String> password = configuredPassword.filter(p -> !p.isBlank());
    if (password.isPresent()) {
      if (!demo && password.get().equals(DEMO_PASSWORD)) {
        throw new IllegalStateException(
            PASSWORD_SETTING
                + " is the demo's password 'admin', which everyone knows: choose another"
                + " (or set "
                + DEMO_SETTING
                + "=true for a demo)");
      }
      return Action.SET_CONFIGURED_PASSWORD;
    }
    if (demo) {
      return userCount == 0 ? Action.SEED_DEMO_ADMIN : Action.NOTHING;
    }
    if (userCount == 0) {
      throw new IllegalStateException(
          "Refusing to start: no users exist, so nobody could sign in. Set "
              + PASSWORD_SETTING
              + " to create the user admin, or "
              + DEMO_SETTING
              + "=true for a demo with admin/admin");
    }
    if (adminHasDemoPassword.getAsBoolean()) {
      throw new IllegalStateException(
          "Refusing to start: the users table holds the demo's admin/admin and this is not demo"
              + " mode. Set "
              + PASSWORD_SETTING
              + " to reset the admin's password, or "
              + DEMO_SETTING
              + "=true for a demo");
    }
    return Action.NOTHING;
  }
}
