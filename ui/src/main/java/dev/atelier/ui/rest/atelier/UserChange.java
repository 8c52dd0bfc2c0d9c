package dev.atelier.ui.rest.atelier;

/** {@code PATCH /api/atelier/users/{username}}: a new role, a new password, or both. */
public record UserChange(String role, String password) {}
