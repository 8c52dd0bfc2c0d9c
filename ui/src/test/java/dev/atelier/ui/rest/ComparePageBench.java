package dev.atelier.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The compare page at 32 trials × 64 tiles (512×512 grids of 64 px tiles, 16 sample steps each),
 * timed by the browser itself: first render (navigation start to every grid decoded) and step
 * changes (slider key press to every new grid decoded), read from {@code window.compareTimings}.
 *
 * <p>Two ways in one browser, one after the other: the page as it is (thumbnails, the other steps
 * decoded in the background; step changes timed once that is done) and its reference {@code
 * ?full=1} (each grid's full-size artifact, fetched and decoded when its step is shown, as the page
 * did before thumbnails). The two take turns for {@code bench.loads} page loads each (the first
 * with the browser's and the app's caches empty for that way's grids) and step {@code
 * bench.changes} times per load, once the page has settled (first render, background decoding,
 * curves), after one discarded load of each way on 4 other trials to warm the app up. Where a first
 * render's time went comes from the browser's navigation and resource timings: the page and its
 * scripts, each API call, the grids. Each way has its own 32 trials, deleted from MLflow at the
 * end.
 *
 * <p>Not a test (no timing is asserted, and the name keeps it out of {@code ./atelier test}): run
 * it with {@code -Dtest=ComparePageBench}, or {@code ./bench/compare_page.sh}, which also writes
 * {@code bench/RESULTS.md} from the {@code target/bench/compare.json} this leaves.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
class ComparePageBench {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final int TRIALS = 32;
  private static final List<String> MODES = List.of("thumbnails", "full");
  private static final String WARM_UP = "warm-up";
  private static final int WARM_UP_TRIALS = 4;
  private static final int STEPS = 16;
  private static final int LOADS = Integer.getInteger("bench.loads", 4);
  private static final int CHANGES = Integer.getInteger("bench.changes", 12);

  /** One MLflow client per uploading thread. */
  private static final ThreadLocal<MlflowFixture> MLFLOW =
      ThreadLocal.withInitial(MlflowFixture::new);

  /** Page loads and step changes wait this long at most: prefetching 512 grids cold is slow. */
  private static final Duration PATIENCE = Duration.ofMinutes(5);

  @TestHTTPResource("/")
  URL app;

  @Test
  void thirtyTwoTrials() throws Exception {
    if (LOADS < 2) {
      throw new IllegalArgumentException(
          "bench.loads: " + LOADS + " must be at least 2 (a cold load and a warm one per way)");
    }
    if (CHANGES < 1 || CHANGES > STEPS - 1) {
      throw new IllegalArgumentException(
          "bench.changes: " + CHANGES + " must be between 1 and " + (STEPS - 1));
    }
    String load0 = loadAverage();
    Instant started = Instant.now();
    AtomicLong fullBytes = new AtomicLong();
    // Each way its own 32 trials, so each way's first load finds the app's caches as cold as the
    // browser's: a grid the other way fetched is not already in the app's memory.
    // A few more, with two grids each, warm the app (its JIT, its MLflow connections) up first.
    Map<String, List<String>> runs = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Map<String, List<Future<String>>> made = new LinkedHashMap<>();
      made.put(WARM_UP, trials(pool, WARM_UP_TRIALS, 2, new AtomicLong()));
      for (String mode : MODES) {
        made.put(mode, trials(pool, TRIALS, STEPS, fullBytes));
      }
      for (var e : made.entrySet()) {
        List<String> ids = new ArrayList<>();
        for (Future<String> f : e.getValue()) {
          ids.add(f.get());
        }
        runs.put(e.getKey(), ids);
      }
    } finally {
      pool.shutdownNow();
    }
    double fixtureSeconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
    System.out.printf(
        "compare bench: %d trials uploaded in %.1f s%n", TRIALS * MODES.size(), fixtureSeconds);

    List<String> loads = new ArrayList<>();
    String browserVersion;
    String picker;
    try (Browser browser = new Browser()) {
      browserVersion = browser.driver.getCapabilities().getBrowserVersion();
      for (String mode : MODES) {
        oneLoad(browser, url(runs.get(WARM_UP), mode), mode, -1, WARM_UP_TRIALS, 1);
      }
      // The two ways take turns, so both see much the same load from the machine's other work.
      for (int load = 0; load < LOADS; load++) {
        for (String mode : MODES) {
          loads.add(oneLoad(browser, url(runs.get(mode), mode), mode, load, TRIALS, CHANGES));
        }
      }
      // "(32 selected of N)": N trials in the Dag's list, which every load reads.
      picker = browser.driver.findElement(By.id("picked")).getAttribute("textContent");
    } finally {
      // Deleted runs leave the Dag's list, so the next run's picker is no longer for it.
      MlflowFixture m = new MlflowFixture();
      runs.values().forEach(ids -> ids.forEach(m.client::deleteRun));
    }
    String json =
        "{\"trials\": "
            + TRIALS
            + ", \"steps\": "
            + STEPS
            + ", \"tiles\": 64, \"grid_px\": 512, \"changes_per_load\": "
            + CHANGES
            + ", \"fixture_seconds\": "
            + fixtureSeconds
            + ", \"full_png_bytes_mean\": "
            + fullBytes.get() / (TRIALS * STEPS * MODES.size())
            + ", \"picker_trials\": "
            + (picker.matches(".* of [0-9]+\\).*")
                ? picker.replaceAll(".* of ([0-9]+).*", "$1")
                : "null")
            + ", \"browser\": \"Chromium "
            + browserVersion
            + "\", \"cores\": "
            + Runtime.getRuntime().availableProcessors()
            + ", \"load_before\": \""
            + load0
            + "\", \"load_after\": \""
            + loadAverage()
            + "\", \"started\": \""
            + started
            + "\", \"loads\": ["
            + String.join(",\n  ", loads)
            + "]}";
    Path out = Path.of("target", "bench", "compare.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, json + "\n");
    System.out.println("compare bench: wrote " + out.toAbsolutePath());
  }

  private String url(List<String> trials, String mode) {
    return "http://admin:admin@"
        + app.getHost()
        + ":"
        + app.getPort()
        + "/ui/compare.html?dag="
        + DAG
        + "&trials="
        + String.join(",", trials)
        + (mode.equals("full") ? "&full=1" : "");
  }

  /**
   * One page load of {@code trials} trials: waits for the first render (for thumbnails, the
   * background decoding too) and the curves, then steps left {@code changes} times, each key press
   * after the previous change has settled.
   */
  private String oneLoad(
      Browser browser, String url, String mode, int load, int trials, int changes) {
    String loadBefore = loadAverage();
    browser.driver.get(url);
    WebDriverWait wait = new WebDriverWait(browser.driver, PATIENCE);
    wait.withMessage(() -> "the page's first render; error: " + error(browser))
        .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    assertEquals(
        trials,
        browser.driver.findElements(By.cssSelector("#grids .trial")).size(),
        "one card per trial and no champion pinned (the trials' registered model has none)");
    if (mode.equals("thumbnails")) {
      wait.withMessage(() -> "the background decoding of every step")
          .until(d -> js(browser, "return window.compareTimings.prefetched") != null);
    }
    // The curves too: their request keeps the app busy for seconds, and leaving the page before
    // it ends would slow the next load's requests rather than this one's.
    wait.withMessage(() -> "the curves; error: " + error(browser))
        .until(d -> js(browser, "return window.compareTimings.curves") != null);
    for (int k = 0; k < changes; k++) {
      browser.driver.findElement(By.id("step")).sendKeys(Keys.ARROW_LEFT);
      int want = k + 1;
      wait.withMessage(() -> "step change " + want + "; error: " + error(browser))
          .until(
              d ->
                  ((Number) js(browser, "return window.compareTimings.stepChanges.length"))
                          .intValue()
                      >= want);
    }
    // What one grid weighs as this way fetches it (from the browser's cache by now).
    Object bytes =
        ((JavascriptExecutor) browser.driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const img = document.querySelector('#grids .trial .zoomer img');"
                    + "fetch(img.src).then(r => r.arrayBuffer()).then(b => done(b.byteLength),"
                    + " () => done(-1));");
    String timings = js(browser, "return JSON.stringify(window.compareTimings)").toString();
    String phases = js(browser, PHASES).toString();
    String line =
        "{\"mode\": \""
            + mode
            + "\", \"load\": "
            + load
            + ", \"load_average\": \""
            + loadBefore
            + "\", \"grid_bytes\": "
            + bytes
            + ", \"timings\": "
            + timings
            + ", \"phases\": "
            + phases
            + "}";
    System.out.println("compare bench " + mode + " load " + load + ": " + line);
    return line;
  }

  /**
   * Where the first render's time went, in ms after navigation start: the document's
   * DOMContentLoaded, each API call before the first render (path, start, end), and the grids'
   * first request start and last response end (from the browser's cache on a warm load).
   */
  private static final String PHASES =
      "const first = window.compareTimings.firstRender;"
          + "const nav = performance.getEntriesByType('navigation')[0];"
          + "const before = performance.getEntriesByType('resource')"
          + "  .filter(e => e.startTime < first);"
          + "const grid = (e) => e.name.includes('/grids/') || e.name.includes('/artifacts/samples/');"
          + "const api = before.filter(e => e.initiatorType === 'fetch' && !grid(e)"
          + "  && !e.name.includes('/compare/metrics'))"
          + "  .map(e => [new URL(e.name).pathname.replace(/[0-9a-f]{32}/g, '{id}'),"
          + "    Math.round(e.startTime), Math.round(e.responseEnd)]);"
          + "const grids = before.filter(grid);"
          + "return JSON.stringify({domContentLoaded: Math.round(nav.domContentLoadedEventEnd), api,"
          + "  grids: grids.length,"
          + "  gridsStart: grids.length ? Math.round(Math.min(...grids.map(e => e.startTime))) : null,"
          + "  gridsEnd: grids.length ? Math.round(Math.max(...grids.map(e => e.responseEnd))) : null});";

  /**
   * {@code count} trial runs of one Dag run with {@code steps} grids each, uploaded on {@code
   * pool}. Their registered model is one of their own (the run tag wins over the model/dataset
   * rule), so no other test's champion is pinned as a 33rd card.
   */
  private static List<Future<String>> trials(
      ExecutorService pool, int count, int steps, AtomicLong fullBytes) {
    String dagRun = MlflowFixture.uniqueRunId("bench_compare");
    String model = "bench_compare_" + UUID.randomUUID().toString().substring(0, 8);
    List<Future<String>> made = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      made.add(
          pool.submit(
              () -> {
                MlflowFixture m = MLFLOW.get();
                String id =
                    m.trialRun(
                        "atelier/" + DAG,
                        Map.of("probe_seed", "1234", "probe_count", "64"),
                        DAG,
                        dagRun,
                        index,
                        1500);
                m.client.setTag(id, "atelier.registered_model", model);
                String root =
                    ArtifactPaths.proxyRoot(m.client.getRun(id).getInfo().getArtifactUri())
                        .orElseThrow();
                for (int s = 1; s <= steps; s++) {
                  byte[] png = grid(dagRun.hashCode() * 31L + index * 1000L + s);
                  fullBytes.addAndGet(png.length);
                  m.put(root, String.format("samples/step_%07d.png", s * 100), png);
                }
                return id;
              }));
    }
    return made;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static String error(Browser b) {
    return b.driver.findElement(By.id("error")).getText();
  }

  private static Object js(Browser b, String s) {
    return ((JavascriptExecutor) b.driver).executeScript(s);
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
