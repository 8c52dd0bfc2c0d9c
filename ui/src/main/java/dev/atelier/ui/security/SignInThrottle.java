package dev.atelier.ui.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per user name and per client address over a sliding window, so that
 * guessing a password costs minutes, not milliseconds. Unknown names count like known ones (the
 * answer must not tell them apart). Every mechanism (basic, the sign-in form, {@code /auth/token})
 * goes through {@link PasswordCheck}, which asks here first; in memory, so each replica counts on
 * its own.
 */
@ApplicationScoped
public class SignInThrottle {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  @jakarta.inject.Inject
  SignInThrottle(AuthConfig config) {
    this(config.throttle().failures(), config.throttle().window(), Clock.systemUTC());
  }

  SignInThrottle(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /**
   * @throws SignInThrottledException when {@code username} or {@code address} used up its failures
   */
  public void check(String username, String address) {
    waitFor(username, address)
        .ifPresent(
            wait -> {
              throw new SignInThrottledException(wait, limit, window);
            });
  }

  /** How long {@code username} or {@code address} must wait, when either is over the limit. */
  Optional<Duration> waitFor(String username, String address) {
    Instant now = clock.instant();
    Duration byUser = wait(userKey(username), now);
    Duration byAddress = wait(addressKey(address), now);
    Duration longest = byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
    return longest.isZero() ? Optional.empty() : Optional.of(longest);
  }

  public void recordFailure(String username, String address) {
    Instant now = clock.instant();
    record(userKey(username), now);
    record(addressKey(address), now);
  }

  private Duration wait(String key, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return Duration.ZERO;
    }
    synchronized (times) {
      prune(times, now);
      if (times.size() < limit) {
        return Duration.ZERO;
      }
      // Free again when enough of the window's failures have aged out to fall under the limit.
      Instant oldestThatMatters =
          times.stream().skip(times.size() - limit).findFirst().orElseThrow();
      return Duration.between(now, oldestThatMatters.plus(window));
    }
  }

  private void record(String key, Instant now) {
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
    }
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant since = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
      times.removeFirst();
    }
  }

  private static String userKey(String username) {
    return "user:" + username.toLowerCase(java.util.Locale.ROOT);
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }
}
