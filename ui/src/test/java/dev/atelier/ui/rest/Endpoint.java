package dev.atelier.ui.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A JAX-RS resource method of the app, found by reflection over the compiled {@code
 * dev.atelier.ui.rest} package (both APIs), so an endpoint added later is walked without anyone
 * listing it.
 *
 * @param role the least role its {@code @RolesAllowed} names (method's, else class's); null when
 *     {@code @PermitAll} or when neither is declared
 */
record Endpoint(String httpMethod, String path, Method method, String role, boolean permitAll) {
  String name() {
    return httpMethod
        + " "
        + path
        + " ("
        + method.getDeclaringClass().getSimpleName()
        + "."
        + method.getName()
        + ")";
  }

  boolean declared() {
    return permitAll || role != null;
  }

  boolean hasBody() {
    return httpMethod.equals("POST") || httpMethod.equals("PUT") || httpMethod.equals("PATCH");
  }

  /** The path with every template filled by a value no real object has. */
  String samplePath() {
    return path.replaceAll("\\{(map_index|id)(:[^}]*)?}", "1")
        .replaceAll("\\{[^}]+}", "roles-walk-nothing");
  }

  static List<Endpoint> all() {
    java.nio.file.Path root = java.nio.file.Path.of("target", "classes");
    java.nio.file.Path dir = root.resolve("dev/atelier/ui/rest");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(dir.toAbsolutePath() + " is missing: compile the ui module");
    }
    List<Endpoint> found = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, Endpoint.class.getClassLoader());
        for (Method m : type.getDeclaredMethods()) {
          httpMethod(m).ifPresent(verb -> found.add(of(type, m, verb)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    found.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::httpMethod));
    return found;
  }

  private static java.util.Optional<String> httpMethod(Method m) {
    if (!Modifier.isPublic(m.getModifiers())) {
      return java.util.Optional.empty();
    }
    for (Annotation a : m.getAnnotations()) {
      HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return java.util.Optional.of(verb.value());
      }
    }
    return java.util.Optional.empty();
  }

  private static Endpoint of(Class<?> type, Method m, String verb) {
    String path = join(type.getAnnotation(Path.class), m.getAnnotation(Path.class));
    RolesAllowed roles =
        m.isAnnotationPresent(RolesAllowed.class)
            ? m.getAnnotation(RolesAllowed.class)
            : type.getAnnotation(RolesAllowed.class);
    boolean permit =
        m.isAnnotationPresent(PermitAll.class)
            || (roles == null && type.isAnnotationPresent(PermitAll.class));
    return new Endpoint(verb, path, m, roles == null ? null : least(roles.value()), permit);
  }

  /** With several roles named, the lowest of them lets a user in (RoleHierarchy implies up). */
  private static String least(String[] roles) {
    return Stream.of(roles)
        .min(Comparator.comparingInt(dev.atelier.ui.security.RoleHierarchy.RANKS::indexOf))
        .orElse(null);
  }

  private static String join(Path type, Path method) {
    String a = type == null ? "" : type.value();
    String b = method == null ? "" : method.value();
    String joined = ("/" + a + "/" + b).replaceAll("/+", "/");
    return joined.length() > 1 && joined.endsWith("/")
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }
}
