package dev.atelier.ui.rest.airflow.v2;

/** Airflow 3's HITLUser: who may or did answer. Atelier's user name is both its id and name. */
public record HitlUser(String id, String name) {
  static HitlUser of(String username) {
    return username == null ? null : new HitlUser(username, username);
  }
}
