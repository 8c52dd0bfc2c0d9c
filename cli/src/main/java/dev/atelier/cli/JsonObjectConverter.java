package dev.atelier.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --conf} (or {@code --task-params}) value: a JSON object. picocli prefixes the refusal
 * with the option's name, so a user reads {@code Invalid value for option '--conf': '[1]' is not a
 * JSON object ...}.
 */
public final class JsonObjectConverter implements ITypeConverter<JsonObject> {
  static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public JsonObject convert(String value) {
    Object parsed;
    try {
      parsed = JSON.readValue(value, Object.class);
    } catch (JsonProcessingException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not valid JSON ("
              + e.getOriginalMessage()
              + "); it must be a JSON object, e.g. '{\"lr\": 0.0002}'");
    }
    if (!(parsed instanceof Map)) {
      throw new TypeConversionException(
          "'" + value + "' is not a JSON object; it must be one, e.g. '{\"lr\": 0.0002}'");
    }
    return new JsonObject(JSON.convertValue(parsed, new TypeReference<Map<String, Object>>() {}));
  }
}
