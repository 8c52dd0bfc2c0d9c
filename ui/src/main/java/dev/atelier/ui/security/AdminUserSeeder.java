package dev.atelier.ui.security;

import dev.atelier.ui.repository.UserRepository;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Makes sure there is a way in, and that it is not the demo's known one outside a demo (see {@link
 * AdminPasswordRule}): a configured admin password creates or resets the user {@code admin} at
 * every start; demo mode seeds {@code admin/admin} into an empty users table, as before; otherwise
 * nothing is seeded, and a leftover {@code admin/admin} stops the start with a message that names
 * the settings. Runs before the worker starts (higher priorities come later).
 */
@ApplicationScoped
public class AdminUserSeeder {
  private static final Logger LOG = Logger.getLogger(AdminUserSeeder.class);

  private final UserRepository users;
  private final AuthConfig config;

  AdminUserSeeder(UserRepository users, AuthConfig config) {
    this.users = users;
    this.config = config;
  }

  void seed(@Observes @Priority(10) StartupEvent event) {
    long count = users.count();
    AdminPasswordRule.Action action =
        AdminPasswordRule.decide(
            config.demo(), config.adminPassword(), count, this::adminHasDemoPassword);
    switch (action) {
      case SEED_DEMO_ADMIN -> {
        String hash = BcryptUtil.bcryptHash(AdminPasswordRule.DEMO_PASSWORD);
        if (users.insertIfAbsent(AdminPasswordRule.ADMIN, hash, "admin")) {
          LOG.warn("Demo mode and no users: created the demo user admin/admin");
        }
      }
      case SET_CONFIGURED_PASSWORD -> setConfiguredPassword(config.adminPassword().orElseThrow());
      case NOTHING -> {}
    }
    if (config.demo() && config.adminPassword().filter(p -> !p.isBlank()).isEmpty()) {
      // Said at every demo start, and on the sign-in page: the demo's account is no secret.
      LOG.warn(
          "Demo mode (demo: admin/admin): sign in as admin with password admin; never expose"
              + " this install");
    }
  }

  private boolean adminHasDemoPassword() {
    return users
        .find(AdminPasswordRule.ADMIN)
        .filter(u -> BcryptUtil.matches(AdminPasswordRule.DEMO_PASSWORD, u.passwordHash()))
        .isPresent();
  }

  private void setConfiguredPassword(String password) {
    boolean current =
        users
            .find(AdminPasswordRule.ADMIN)
            .filter(u -> u.role().equals("admin") && BcryptUtil.matches(password, u.passwordHash()))
            .isPresent();
    if (!current) {
      users.upsert(AdminPasswordRule.ADMIN, BcryptUtil.bcryptHash(password), "admin");
      LOG.infof(
          "User admin (role admin) now has the password from %s",
          AdminPasswordRule.PASSWORD_SETTING);
    }
  }
}
