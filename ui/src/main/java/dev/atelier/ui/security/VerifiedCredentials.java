package dev.atelier.ui.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Basic-auth credentials whose bcrypt check passed lately. Airflow 2 clients send the password with
 * every request, and a bcrypt check costs tens of milliseconds of CPU, so a credential is checked
 * once and then remembered for a short while. The key is a SHA-256 of name and password (no
 * password is kept), and an entry holds the stored hash it was checked against: once the password
 * changes the stored hash differs and the entry no longer counts. The role is never cached; it is
 * read with the stored hash at each request.
 */
@ApplicationScoped
public class VerifiedCredentials {
  /** Past this many entries, expired ones are swept on the next insert. */
  private static final int SWEEP_ABOVE = 10_000;

  private record Entry(String storedHash, Instant expires) {}

  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @jakarta.inject.Inject
  VerifiedCredentials(AuthConfig config) {
    this(config.basicCacheTtl(), Clock.systemUTC());
  }

  VerifiedCredentials(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Whether this name and password passed a check against {@code storedHash} within the TTL. */
  boolean verified(String username, String password, String storedHash) {
    Entry entry = entries.get(key(username, password));
    return entry != null
        && entry.storedHash().equals(storedHash)
        && clock.instant().isBefore(entry.expires());
  }

  void remember(String username, String password, String storedHash) {
    Instant now = clock.instant();
    if (entries.size() > SWEEP_ABOVE) {
      entries.values().removeIf(e -> !now.isBefore(e.expires()));
    }
    entries.put(key(username, password), new Entry(storedHash, now.plus(ttl)));
  }

  private static String key(String username, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(username.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
