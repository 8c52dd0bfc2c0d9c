package dev.atelier.ui.rest.atelier;

/** {@code POST /api/atelier/users}: who, with which role, and their first password. */
public record NewUser(String username, String role, String password) {}
