package dev.atelier.cli;

import java.util.Map;

/**
 * A JSON object given as one argument ({@code --conf '{"lr": 0.0002}'}); a type of its own so that
 * picocli does not read it as {@code KEY=VALUE} pairs, as it reads a {@code Map} option.
 */
public record JsonObject(Map<String, Object> value) {}
