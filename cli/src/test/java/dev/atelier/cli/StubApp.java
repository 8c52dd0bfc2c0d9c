package dev.atelier.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the app (the JDK's own HTTP server on a free loopback port): each request ("METHOD
 * /path?query") answers with the status and JSON body set for it, else 404; what was received is
 * kept for the test to check.
 */
final class StubApp implements AutoCloseable {
  /** One request as received. */
  record Request(
      String method, String pathAndQuery, String authorization, String contentType, String body) {}

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new LinkedHashMap<>();
  final List<Request> received = Collections.synchronizedList(new ArrayList<>());

  StubApp() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String target = exchange.getRequestURI().getRawPath();
          if (exchange.getRequestURI().getRawQuery() != null) {
            target += "?" + exchange.getRequestURI().getRawQuery();
          }
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Request(
                  exchange.getRequestMethod(),
                  target,
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  body));
          Answer answer =
              answers.getOrDefault(
                  exchange.getRequestMethod() + " " + target,
                  new Answer(
                      404, "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no stub\"}"));
          byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(answer.status(), bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  StubApp answer(String request, int status, String json) {
    answers.put(request, new Answer(status, json));
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
