package dev.atelier.ui.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How people sign in: the admin account (the demo's known one, or a password the operator sets),
 * how failed sign-ins are throttled, how long a verified basic-auth credential is remembered, and
 * the bearer tokens {@code POST /auth/token} signs.
 */
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

  Throttle throttle();

  /**
   * How long a basic-auth credential, once its bcrypt check passed, is taken on trust (Airflow 2
   * clients send it with every request). A changed password or role applies at once regardless.
   */
  @WithDefault("PT5M")
  Duration basicCacheTtl();

  Token token();

  /** Failed sign-ins allowed per user name and per client address within the window. */
  interface Throttle {
    @WithDefault("5")
    int failures();

    @WithDefault("PT1M")
    Duration window();
  }

  /** The JWTs {@code POST /auth/token} answers with (RS256). */
  interface Token {
    /** How long a token is valid; its role is read again from the users table at each request. */
    @WithDefault("PT30M")
    Duration lifetime();

    @WithDefault("atelier")
    String issuer();

    /**
     * PEM files of the signing key pair ({@code ATELIER_JWT_PRIVATE_KEY}, {@code
     * ATELIER_JWT_PUBLIC_KEY}); when unset, a pair is generated at first start under {@code
     * <atelier.home>/jwt/} and reused after.
     */
    Optional<Path> privateKey();

    Optional<Path> publicKey();
  }
}
