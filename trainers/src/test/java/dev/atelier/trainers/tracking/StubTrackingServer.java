package dev.atelier.trainers.tracking;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in tracking server for unit tests: answers each request with the status {@code answer}
 * gives for its path (and how many times that path was asked before), and keeps the bodies of the
 * requests it answered 2xx.
 */
final class StubTrackingServer implements AutoCloseable {
  /** A request the stub took: its path and body. */
  record Taken(String path, String body) {}

  /** The status to answer for a path and body, given how many earlier requests the path had. */
  interface Answer {
    int status(String path, String body, int earlier);
  }

  private final HttpServer server;
  private final Map<String, Integer> asked = new ConcurrentHashMap<>();
  final List<Taken> taken = new CopyOnWriteArrayList<>();
  volatile Answer answer;

  StubTrackingServer(Answer answer) throws IOException {
    this.answer = answer;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int earlier = asked.merge(path, 1, Integer::sum) - 1;
          int status = this.answer.status(path, body, earlier);
          if (status / 100 == 2) {
            taken.add(new Taken(path, body));
          }
          byte[] reply =
              (status / 100 == 2
                      ? "{}"
                      : "{\"error_code\": \"STUB\", \"message\": \"" + status + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, reply.length);
          ex.getResponseBody().write(reply);
          ex.close();
        });
    server.start();
  }

  String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<String> takenPaths() {
    return taken.stream().map(Taken::path).toList();
  }

  static Answer always(int status) {
    return (path, body, earlier) -> status;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
