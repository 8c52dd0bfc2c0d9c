package dev.atelier.ui.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleHierarchyTest {
  @Test
  void implied_eachRoleHoldsEveryRoleBelowIt() {
    assertEquals(Set.of("viewer"), RoleHierarchy.implied(Set.of("viewer")));
    assertEquals(Set.of("viewer", "member"), RoleHierarchy.implied(Set.of("member")));
    assertEquals(Set.of("viewer", "member", "lead"), RoleHierarchy.implied(Set.of("lead")));
    assertEquals(
        Set.of("viewer", "member", "lead", "admin"), RoleHierarchy.implied(Set.of("admin")));
  }

  @Test
  void implied_unknownRole_grantsNothing() {
    assertEquals(Set.of(), RoleHierarchy.implied(Set.of("intern")));
  }
}
