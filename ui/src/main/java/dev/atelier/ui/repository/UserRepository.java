package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The {@code users} table that HTTP basic auth checks and the admin API changes. */
@ApplicationScoped
public class UserRepository {
  /** A user's stored bcrypt hash and role. */
  public record StoredUser(String username, String passwordHash, String role) {}

  /**
   * The admin rows, locked: a concurrent demotion or delete waits here, then sees the other's
   * outcome, so two admins demoting each other at once cannot leave no admin at all.
   */
  private static final String OTHER_ADMINS_REMAIN =
      "(with admins as (select username from users where role = 'admin' for update)"
          + " select count(*) from admins where username <> ?) > 0";

  private final Sql sql;

  UserRepository(Sql sql) {
    this.sql = sql;
  }

  public Optional<StoredUser> find(String username) {
    return sql.queryOne(
        "select username, password_hash, role from users where username = ?",
        UserRepository::row,
        username);
  }

  /** Every user, by name. */
  public List<StoredUser> list() {
    return sql.query(
        "select username, password_hash, role from users order by username", UserRepository::row);
  }

  public long count() {
    return sql.count("select count(*) from users");
  }

  /** Adds a user unless one with that name exists; returns whether it was added. */
  public boolean insertIfAbsent(String username, String passwordHash, String role) {
    return sql.update(
            "insert into users (username, password_hash, role) values (?, ?, ?)"
                + " on conflict (username) do nothing",
            username,
            passwordHash,
            role)
        == 1;
  }

  /** Adds the user, or gives an existing one this password hash and role. */
  public void upsert(String username, String passwordHash, String role) {
    sql.update(
        "insert into users (username, password_hash, role) values (?, ?, ?)"
            + " on conflict (username) do update"
            + " set password_hash = excluded.password_hash, role = excluded.role",
        username,
        passwordHash,
        role);
  }

  /**
   * Gives the user a role, unless that would take the admin role from the last admin.
   *
   * @return false when nothing changed: no such user, or it is the last admin and {@code role} is
   *     not admin
   */
  public boolean setRoleKeepingAnAdmin(String username, String role) {
    return sql.update(
            "update users set role = ? where username = ?"
                + " and (role <> 'admin' or ? = 'admin' or "
                + OTHER_ADMINS_REMAIN
                + ")",
            role,
            username,
            role,
            username)
        == 1;
  }

  /**
   * @return false when there is no such user
   */
  public boolean setPasswordHash(String username, String passwordHash) {
    return sql.update(
            "update users set password_hash = ? where username = ?", passwordHash, username)
        == 1;
  }

  /**
   * @return false when nothing was deleted: no such user, or it is the last admin
   */
  public boolean deleteKeepingAnAdmin(String username) {
    return sql.update(
            "delete from users where username = ? and (role <> 'admin' or "
                + OTHER_ADMINS_REMAIN
                + ")",
            username,
            username)
        == 1;
  }

  private static StoredUser row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new StoredUser(
        rs.getString("username"), rs.getString("password_hash"), rs.getString("role"));
  }
}
