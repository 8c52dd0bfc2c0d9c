package dev.atelier.ui.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How the admin account comes to be: the demo's known one, or a password the operator sets. */
@ConfigMapping(prefix = "atelier.auth")
public interface AuthConfig {
  /**
   * Demo mode ({@code ATELIER_DEMO=true}, what {@code ./atelier demo} runs): a fresh install gets
   * the known {@code admin/admin}. Outside it that account is refused.
   */
  @WithDefault("false")
  boolean demo();

  /**
   * The admin's password ({@code ATELIER_ADMIN_PASSWORD}): at every start the user {@code admin} is
   * created with it, or has its password reset to it.
   */
  Optional<String> adminPassword();
}
