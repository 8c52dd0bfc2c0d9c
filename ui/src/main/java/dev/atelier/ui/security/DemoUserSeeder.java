package dev.atelier.ui.security;

import dev.atelier.ui.repository.UserRepository;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A fresh install has no users and so no way in; the first start creates {@code admin/admin} and
 * says so. Once any user exists nothing is seeded, so a changed password is never reset.
 */
@ApplicationScoped
public class DemoUserSeeder {
  private static final Logger LOG = Logger.getLogger(DemoUserSeeder.class);
  static final String DEMO_USER = "admin";

  private final UserRepository users;

  DemoUserSeeder(UserRepository users) {
    this.users = users;
  }

  void seed(@Observes @Priority(10) StartupEvent event) {
    if (users.count() > 0) {
      return;
    }
    if (users.insertIfAbsent(DEMO_USER, BcryptUtil.bcryptHash(DEMO_USER), "admin")) {
      LOG.warn("No users existed: created the demo user admin/admin (change it before sharing)");
    }
  }
}
