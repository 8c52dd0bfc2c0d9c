package dev.atelier.ui.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.ui.security.AdminPasswordRule.Action;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class AdminPasswordRuleTest {
  private static final BooleanSupplier DEMO_ADMIN_LEFT = () -> true;
  private static final BooleanSupplier ADMIN_CHANGED = () -> false;
  private static final BooleanSupplier NOT_ASKED =
      () -> {
        throw new AssertionError("the bcrypt check must not run here");
      };

  @Test
  void demo_emptyTable_seedsDemoAdmin() {
    assertEquals(
        Action.SEED_DEMO_ADMIN, AdminPasswordRule.decide(true, Optional.empty(), 0, NOT_ASKED));
  }

  @Test
  void demo_demoAdminLeft_starts() {
    assertEquals(
        Action.NOTHING, AdminPasswordRule.decide(true, Optional.empty(), 3, DEMO_ADMIN_LEFT));
  }

  @Test
  void notDemo_emptyTable_refusesNamingThePasswordSetting() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> AdminPasswordRule.decide(false, Optional.empty(), 0, NOT_ASKED));
    assertEquals(
        "Refusing to start: no users exist, so nobody could sign in. Set ATELIER_ADMIN_PASSWORD"
            + " (atelier.auth.admin-password) to create the user admin, or ATELIER_DEMO"
            + " (atelier.auth.demo)=true for a demo with admin/admin",
        refused.getMessage());
  }

  @Test
  void notDemo_demoAdminLeft_refusesNamingTheSettings() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> AdminPasswordRule.decide(false, Optional.empty(), 2, DEMO_ADMIN_LEFT));
    assertEquals(
        "Refusing to start: the users table holds the demo's admin/admin and this is not demo"
            + " mode. Set ATELIER_ADMIN_PASSWORD (atelier.auth.admin-password) to reset the"
            + " admin's password, or ATELIER_DEMO (atelier.auth.demo)=true for a demo",
        refused.getMessage());
  }

  @Test
  void notDemo_adminPasswordChanged_starts() {
    assertEquals(
        Action.NOTHING, AdminPasswordRule.decide(false, Optional.empty(), 2, ADMIN_CHANGED));
  }

  @Test
  void notDemo_demoAdminLeft_configuredPasswordReplacesIt() {
    assertEquals(
        Action.SET_CONFIGURED_PASSWORD,
        AdminPasswordRule.decide(false, Optional.of("s3cret-horse"), 2, NOT_ASKED));
  }

  @Test
  void demo_configuredPassword_winsOverTheDemoOne() {
    assertEquals(
        Action.SET_CONFIGURED_PASSWORD,
        AdminPasswordRule.decide(true, Optional.of("s3cret-horse"), 0, NOT_ASKED));
  }

  @Test
  void notDemo_blankConfiguredPassword_countsAsUnset() {
    assertThrows(
        IllegalStateException.class,
        () -> AdminPasswordRule.decide(false, Optional.of("  "), 1, DEMO_ADMIN_LEFT));
  }

  @Test
  void notDemo_configuredDemoPassword_refuses() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> AdminPasswordRule.decide(false, Optional.of("admin"), 0, NOT_ASKED));
    assertEquals(
        "ATELIER_ADMIN_PASSWORD (atelier.auth.admin-password) is the demo's password 'admin',"
            + " which everyone knows: choose another (or set ATELIER_DEMO (atelier.auth.demo)=true"
            + " for a demo)",
        refused.getMessage());
  }
}
