package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.atelier.ui.RequiredServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Cross-site request forgery as a browser would suffer it: a user signed in to the app (sign-in
 * form, session cookie) opens a page that another origin serves (a tiny HTTP server on another port
 * and host name, started here), and that page posts to the app to start a Dag run, once as a
 * bodiless form and once as a script's no-cors fetch. The app refuses both and no run starts.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class CrossSiteBrowserTest {
  private static final String DAG = "emoji_dcgan_sweep";

  @TestHTTPResource("/")
  URL app;

  private static int runs() {
    return Api.asAdmin()
        .get("/api/v1/dags/" + DAG + "/dagRuns?limit=1")
        .then()
        .statusCode(200)
        .extract()
        .path("total_entries");
  }

  @Test
  void pageFromAnotherOrigin_postsWithTheSession_isRefusedAndStartsNothing() throws Exception {
    // The app is reached as localhost; the attacker's page as 127.0.0.1 on another port.
    String target = "http://localhost:" + app.getPort() + "/api/v1/dags/" + DAG + "/dagRuns";
    String page =
        "<!doctype html><html><body><h1>free emoji</h1>"
            + "<form id=f method=post action='"
            + target
            + "'></form>"
            + "<script>fetch('"
            + target
            + "', {method: 'POST', mode: 'no-cors', credentials: 'include'})"
            + ".finally(() => { document.title = 'fetched'; document.getElementById('f').submit(); });"
            + "</script></body></html>";
    HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    evil.createContext(
        "/",
        exchange -> {
          byte[] body = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    evil.start();
    int before = runs();
    try (Browser browser = new Browser()) {
      browser.driver.get("http://admin:admin@localhost:" + app.getPort() + "/ui/dags.html");
      browser.driver.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
      browser
          .waiting()
          .withTimeout(Duration.ofSeconds(20))
          .until(d -> d.getCurrentUrl().startsWith(target));
      String answer = browser.driver.findElement(By.tagName("body")).getText();
      assertTrue(
          answer.contains("cross-site request forgery"),
          "the app's answer to the forged form names the rule: " + answer);
    } finally {
      evil.stop(0);
    }
    assertEquals(before, runs(), "no Dag run may start from another site's page");
  }
}
