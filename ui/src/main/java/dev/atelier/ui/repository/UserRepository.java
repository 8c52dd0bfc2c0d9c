package dev.atelier.ui.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The {@code users} table that HTTP basic auth checks. */
@ApplicationScoped
public class UserRepository {
  /** A user's stored bcrypt hash and role. */
  public record StoredUser(String username, String passwordHash, String role) {}

  private final Sql sql;

  UserRepository(Sql sql) {
    this.sql = sql;
  }

  public Optional<StoredUser> find(String username) {
    return sql.queryOne(
        "select username, password_hash, role from users where username = ?",
        rs ->
            new StoredUser(
                rs.getString("username"), rs.getString("password_hash"), rs.getString("role")),
        username);
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
}
