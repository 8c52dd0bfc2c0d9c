package dev.atelier.workflows.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * XCom values as the JSON the API shows. Serializing is pure computation, so it is safe in workflow
 * code; a value that cannot be serialized is shown as a note instead of failing the run.
 */
final class XComJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private XComJson() {}

  static String of(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return "{\"error\":\"return value is not JSON-serializable\"}";
    }
  }
}
