package dev.atelier.ui.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.atelier.ui.service.InputRules;
import dev.atelier.ui.service.InvalidValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Refuses a JSON body with a NUL character ({@code \u0000}) in any string or key, at any depth
 * ({@code dataset_uri}, a key of {@code extra}, a value deep in {@code conf}): PostgreSQL stores
 * neither text nor JSON with NUL, so such a body would fail after work had begun. The body is read
 * once here with Jackson's streaming parser and handed on unchanged; a body that is not JSON at all
 * is left to the endpoint's reader, which names the problem.
 */
@Provider
public class NulInJsonBody implements ReaderInterceptor {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type == null || !type.getSubtype().toLowerCase().contains("json")) {
      return context.proceed();
    }
    byte[] body = context.getInputStream().readAllBytes();
    scan(body);
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }

  static void scan(byte[] body) throws IOException {
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          if (parser.currentName().indexOf('\0') >= 0) {
            throw InvalidValue.body(
                field(parser.getParsingContext().getParent()),
                parser.currentName(),
                "has a key that " + InputRules.NO_NUL);
          }
        } else if (token == JsonToken.VALUE_STRING) {
          InputRules.text("body", field(parser.getParsingContext()), parser.getText());
        }
      }
    } catch (JsonProcessingException notJson) {
      // The endpoint's own reader answers malformed JSON with its line and column.
    }
  }

  /** {@code extra.labels[2]}: where the value sits, as a client would write it. */
  static String field(JsonStreamContext context) {
    Deque<JsonStreamContext> fromRoot = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      fromRoot.addFirst(c);
    }
    StringBuilder out = new StringBuilder();
    for (JsonStreamContext c : fromRoot) {
      if (c.inArray()) {
        out.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
      } else if (c.getCurrentName() != null) {
        out.append(out.isEmpty() ? "" : ".").append(c.getCurrentName());
      }
    }
    return out.isEmpty() ? "body" : out.toString();
  }
}
