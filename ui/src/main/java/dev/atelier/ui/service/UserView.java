package dev.atelier.ui.service;

/** A user as the admin API shows one: never the password hash. */
public record UserView(String username, String role) {}
