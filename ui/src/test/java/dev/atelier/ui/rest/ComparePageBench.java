package dev.atelier.ui.rest;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.service.ArtifactPaths;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/**
 * The compare page at 32 trials × 64 tiles (512×512 grids of 64 px tiles, 16 sample steps each),
 * timed by the browser itself: first render (navigation start to every grid decoded) and step
 * changes (slider key press to every new grid decoded), read from {@code window.compareTimings}.
 * Not a test (no timing is asserted): run it with {@code -Dtest=ComparePageBench}; it writes {@code
 * target/bench/compare.json}. Results: {@code bench/RESULTS.md}.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class ComparePageBench {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final int TRIALS = 32;
  private static final int STEPS = 16;

  @TestHTTPResource("/")
  URL app;

  @Test
  void thirtyTwoTrials() throws Exception {
    MlflowFixture mlflow = new MlflowFixture();
    String dagRun = MlflowFixture.uniqueRunId("bench_compare");
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      String id =
          mlflow.trialRun(
              "atelier/" + DAG,
              Map.of("probe_seed", "1234", "probe_count", "64"),
              DAG,
              dagRun,
              i,
              1500);
      String root =
          ArtifactPaths.proxyRoot(mlflow.client.getRun(id).getInfo().getArtifactUri())
              .orElseThrow();
      for (int s = 1; s <= STEPS; s++) {
        mlflow.put(root, String.format("samples/step_%07d.png", s * 100), grid(i * 1000L + s));
      }
      runs.add(id);
    }
    String page =
        "http://admin:admin@"
            + app.getHost()
            + ":"
            + app.getPort()
            + "/ui/compare.html?dag="
            + DAG
            + "&trials="
            + String.join(",", runs);
    List<String> lines = new ArrayList<>();
    try (Browser browser = new Browser()) {
      for (int load = 0; load < 3; load++) {
        browser.driver.get(page);
        browser
            .waiting()
            .until(
                d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        browser
            .waiting()
            .until(d -> js(browser, "return window.compareTimings.prefetched") != null);
        for (int k = 0; k < 10; k++) {
          browser.driver.findElement(By.id("step")).sendKeys(Keys.ARROW_LEFT);
          int want = k + 1;
          browser
              .waiting()
              .until(
                  d ->
                      ((Number) js(browser, "return window.compareTimings.stepChanges.length"))
                              .intValue()
                          >= want);
        }
        Object t = js(browser, "return JSON.stringify(window.compareTimings)");
        lines.add(t.toString());
        System.out.println("compare bench load " + load + ": " + t);
      }
    }
    Path out = Path.of("target", "bench", "compare.json");
    Files.createDirectories(out.getParent());
    Files.write(out, lines);
  }

  private static Object js(org.openqa.selenium.chrome.ChromeDriver d, String s) {
    return ((JavascriptExecutor) d).executeScript(s);
  }

  private static Object js(Browser b, String s) {
    return js(b.driver, s);
  }

  /** 8x8 tiles of 64 px, each a soft blob on a flat colour, like a GAN's samples. */
  private static byte[] grid(long seed) throws Exception {
    Random r = new Random(seed);
    BufferedImage img = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
    for (int t = 0; t < 64; t++) {
      int bg = 0xf0f0f0, fg = r.nextInt(0xffffff);
      int cx = 20 + r.nextInt(24), cy = 20 + r.nextInt(24), rad = 10 + r.nextInt(14);
      for (int y = 0; y < 64; y++) {
        for (int x = 0; x < 64; x++) {
          int dx = x - cx, dy = y - cy;
          boolean in = dx * dx + dy * dy < rad * rad;
          img.setRGB((t % 8) * 64 + x, (t / 8) * 64 + y, in ? fg ^ (x * y & 0x0f0f0f) : bg);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
