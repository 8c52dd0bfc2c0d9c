package dev.atelier.ui.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * jsonb columns as Java maps and lists. A mapper of its own, not the API's: what is stored keeps
 * the keys it was given, whatever naming the HTTP layer uses.
 */
public final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  private JsonColumns() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not representable as JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static Map<String, Object> readMap(String json) {
    return json == null ? Map.of() : read(json, new TypeReference<Map<String, Object>>() {});
  }

  public static List<String> readStrings(String json) {
    return json == null ? List.of() : read(json, new TypeReference<List<String>>() {});
  }

  /** A JSON list of objects as {@code type}s (records map by component name). */
  public static <T> List<T> readList(String json, Class<T> type) {
    if (json == null) {
      return List.of();
    }
    try {
      return MAPPER.readValue(
          json, MAPPER.getTypeFactory().constructCollectionType(List.class, type));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not a list of " + type.getSimpleName(), e);
    }
  }

  /** Any JSON value (object, list, number...) as plain Java values, or null. */
  public static Object readValue(String json) {
    return json == null ? null : read(json, new TypeReference<Object>() {});
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
    }
  }
}
