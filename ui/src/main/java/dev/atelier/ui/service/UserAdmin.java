package dev.atelier.ui.service;

import dev.atelier.ui.repository.UserRepository;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An admin's changes to who may sign in and with which role ({@code /api/atelier/users}, {@code
 * ./atelier users}). Passwords are stored as bcrypt hashes only. There is always an admin left: the
 * last one can be neither demoted nor deleted, so nobody locks the studio out of its own users.
 * Each change is audited after it took effect (never with the password).
 */
@ApplicationScoped
public class UserAdmin {
  private final UserRepository users;
  private final AuditLog audit;

  UserAdmin(UserRepository users, AuditLog audit) {
    this.users = users;
    this.audit = audit;
  }

  public List<UserView> list() {
    return users.list().stream().map(u -> new UserView(u.username(), u.role())).toList();
  }

  /**
   * @throws ApiProblem 400 a rule broken, 409 the name is taken
   */
  public UserView add(String username, String role, String password) {
    String name = UserRules.username(username);
    String checkedRole = UserRules.role(role);
    String checked = UserRules.password(password);
    if (!users.insertIfAbsent(name, BcryptUtil.bcryptHash(checked), checkedRole)) {
      throw ApiProblem.conflict(
          "User already exists",
          "username: '" + name + "' is taken; change its role or password instead");
    }
    audit.record("user-add", target(name), Map.of("role", checkedRole));
    return new UserView(name, checkedRole);
  }

  /**
   * Sets the role, the password, or both (each optional, at least one).
   *
   * @throws ApiProblem 400 a rule broken or nothing to change, 404 no such user, 409 the last admin
   */
  public UserView change(String username, String role, String password) {
    if (role == null && password == null) {
      throw ApiProblem.badRequest(
          "body: names neither role nor password; send {\"role\": \"lead\"} or {\"password\":"
              + " \"...\"}");
    }
    String checkedRole = role == null ? null : UserRules.role(role);
    String checked = password == null ? null : UserRules.password(password);
    UserRepository.StoredUser before = require(username);
    if (checkedRole != null && !checkedRole.equals(before.role())) {
      if (!users.setRoleKeepingAnAdmin(username, checkedRole)) {
        require(username);
        throw lastAdmin(username, "demoted to " + checkedRole);
      }
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("from", before.role());
      detail.put("to", checkedRole);
      audit.record("user-set-role", target(username), detail);
    }
    if (checked != null) {
      if (!users.setPasswordHash(username, BcryptUtil.bcryptHash(checked))) {
        require(username);
      }
      audit.record("user-passwd", target(username), Map.of());
    }
    return new UserView(username, checkedRole == null ? before.role() : checkedRole);
  }

  /**
   * @throws ApiProblem 404 no such user, 409 the last admin
   */
  public void delete(String username) {
    UserRepository.StoredUser before = require(username);
    if (!users.deleteKeepingAnAdmin(username)) {
      require(username);
      throw lastAdmin(username, "deleted");
    }
    audit.record("user-delete", target(username), Map.of("role", before.role()));
  }

  private UserRepository.StoredUser require(String username) {
    return users
        .find(username)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "User not found", "username: '" + username + "' is not a user"));
  }

  private static ApiProblem lastAdmin(String username, String what) {
    return ApiProblem.conflict(
        "Last admin",
        "username: '"
            + username
            + "' is the last admin and cannot be "
            + what
            + "; make another user admin first");
  }

  static String target(String username) {
    return "user/" + username;
  }
}
