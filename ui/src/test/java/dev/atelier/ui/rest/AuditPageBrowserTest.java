package dev.atelier.ui.rest;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.ui.RequiredServices;
import dev.atelier.ui.repository.AuditRepository;
import dev.atelier.ui.repository.AuditRow;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The audit page in Chromium, opened by a viewer, over changes two users made, oldest first:
 *
 * <pre>
 *   member  trigger  dag/emoji_dcgan_sweep/run/&lt;run&gt;              dags page  (written as a row)
 *   lead    pause    dag/emoji_dcgan_sweep                            dags page  (PATCH, real)
 *   lead    unpause  dag/emoji_dcgan_sweep                            API        (PATCH, real)
 *   member  comment  dag/emoji_dcgan_sweep/run/&lt;run&gt;/review/&lt;id&gt;  review page (written as a row)
 *   member  vote     dag/emoji_dcgan_sweep/run/&lt;run&gt;/review/&lt;id&gt;  review page (written as a row)
 *   lead    promote  model/&lt;model&gt;                                   API        (POST, real)
 * </pre>
 *
 * The page lists them newest first with who, action, target (linked to its page) and where from;
 * filtering by actor and by action narrows the rows and the URL, which back and a shared link
 * restore; a refused filter shows the API's 400 detail.
 */
@QuarkusTest
@QuarkusTestResource(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPageBrowserTest {
  private static final String DAG = "emoji_dcgan_sweep";
  private static final long REVIEW = 424242;

  @Inject DataSource dataSource;
  @Inject AuditRepository audit;

  @TestHTTPResource("/")
  URL app;

  private final MlflowFixture mlflow = new MlflowFixture();
  private final String runId = MlflowFixture.uniqueRunId("test_audit_page");
  private final String model = "audit_page_" + UUID.randomUUID().toString().substring(0, 8);
  private RoleUsers users;
  private String member;
  private String lead;
  private String promoted;

  @BeforeAll
  void twoUsersAndATrial() throws Exception {
    users = new RoleUsers(dataSource, "audit");
    member = users.name("member");
    lead = users.name("lead");
    promoted = mlflow.trialRun(DAG, runId, 0, 400, 100, 200, 300);
  }

  /** The changes above; over HTTP, so not in a {@code @BeforeAll} (the port is not known yet). */
  private void sixChangesByTwoUsers() {
    String review = "dag/" + DAG + "/run/" + runId + "/review/" + REVIEW;

    row(
        member,
        "trigger",
        "dag/" + DAG + "/run/" + runId,
        Map.of(
            "page", "dags", "conf", Map.of("steps", 400), "logical_date", "2026-12-06T10:32:00Z"));
    users
        .as("lead")
        .header("X-Atelier-Page", "dags")
        .body(Map.of("is_paused", true))
        .patch("/api/v1/dags/" + DAG)
        .then()
        .statusCode(200);
    users
        .as("lead")
        .body(Map.of("is_paused", false))
        .patch("/api/v1/dags/" + DAG)
        .then()
        .statusCode(200);
    row(member, "comment", review, Map.of("page", "review", "review_id", REVIEW, "comment_id", 7));
    row(
        member,
        "vote",
        review,
        Map.of("page", "review", "review_id", REVIEW, "candidate", promoted, "value", "up"));
    users
        .as("lead")
        .body(Map.of("step", 300, "reason", "rounder faces at 300", "model", model))
        .post("/api/atelier/runs/" + promoted + "/promote")
        .then()
        .statusCode(201);
  }

  @AfterAll
  void cleanUp() {
    new RunFixtures(dataSource).sql("update dag set is_paused = false where dag_id = ?", DAG);
    users.close();
  }

  /** A change made on a page, as AuditLog writes it for a page's fetch. */
  private void row(String actor, String action, String target, Map<String, Object> detail) {
    audit.insert(new AuditRow(0, null, actor, action, target, "page", detail));
  }

  private String page(String role, String path) {
    return "http://"
        + users.name(role)
        + ":"
        + RoleUsers.PASSWORD
        + "@"
        + app.getHost()
        + ":"
        + app.getPort()
        + path;
  }

  /** The table's rows by the two users, top to bottom. */
  private List<WebElement> ours(Browser b) {
    return b.driver.findElements(By.cssSelector("#audit tr[data-id]")).stream()
        .filter(tr -> List.of(member, lead).contains(tr.getAttribute("data-actor")))
        .toList();
  }

  private static List<String> actions(List<WebElement> rows) {
    return rows.stream().map(tr -> tr.getAttribute("data-action")).toList();
  }

  private static String cell(WebElement row, String cls) {
    return row.findElement(By.cssSelector("td." + cls)).getText();
  }

  private static String targetHref(WebElement row) {
    return row.findElement(By.cssSelector("td.target-cell a.target")).getAttribute("href");
  }

  /** Waits until the table shows exactly {@code actions} for the two users, newest first. */
  private void waitFor(Browser b, List<String> actions) {
    b.waiting()
        .ignoring(StaleElementReferenceException.class)
        .withMessage(() -> "rows " + actions + ", saw " + actions(ours(b)))
        .until(d -> actions(ours(b)).equals(actions));
  }

  @Test
  void auditPage_listsChangesNewestFirst_andFiltersByActorAndAction() throws Exception {
    sixChangesByTwoUsers();
    try (Browser b = new Browser()) {
      // A viewer, the least role, reads the audit trail; the header's nav leads there.
      b.driver.get(page("viewer", "/ui/"));
      b.waiting()
          .until(
              ExpectedConditions.elementToBeClickable(
                  By.cssSelector("header nav a[href='audit.html']")))
          .click();
      waitFor(b, List.of("promote", "vote", "comment", "unpause", "pause", "trigger"));
      List<WebElement> rows = ours(b);

      WebElement promote = rows.get(0);
      assertEquals(lead, cell(promote, "who"));
      assertEquals("model/" + model, cell(promote, "target-cell"));
      assertTrue(
          targetHref(promote).endsWith("compare.html?dag=" + DAG + "&trials=" + promoted),
          "a model opens its champion on the compare page: " + targetHref(promote));
      assertEquals("API", cell(promote, "from"));
      assertTrue(
          cell(promote, "details").contains("rounder faces at 300"), cell(promote, "details"));

      WebElement vote = rows.get(1);
      assertEquals(member, cell(vote, "who"));
      assertTrue(targetHref(vote).endsWith("review.html?id=" + REVIEW), targetHref(vote));
      assertEquals("review page", cell(vote, "from"));
      assertTrue(
          cell(vote, "details").contains("candidate " + promoted.substring(0, 8) + "…"),
          "a run id is shortened: " + cell(vote, "details"));

      WebElement pause = rows.get(4);
      assertEquals("dag/" + DAG, cell(pause, "target-cell"));
      assertTrue(targetHref(pause).endsWith("/ui/dags.html"), targetHref(pause));
      assertEquals("dags page", cell(pause, "from"), "the lead paused it with the page's header");
      assertEquals("API", cell(rows.get(3), "from"));

      WebElement trigger = rows.get(5);
      assertTrue(
          targetHref(trigger).endsWith("run.html?dag=" + DAG + "&run=" + runId),
          "a run opens its task grid: " + targetHref(trigger));
      assertTrue(
          trigger
              .findElement(By.cssSelector("a.compare"))
              .getAttribute("href")
              .endsWith("compare.html?dag=" + DAG + "&run=" + runId),
          "and its trials compared");
      assertEquals(List.of(), b.severeLogs(), "console errors");

      // docs/audit-page.png is a copy of this picture, taken on purpose, not on every run.
      Path shot = Path.of("target", "screenshots", "audit-page.png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, b.driver.getScreenshotAs(OutputType.BYTES));

      // Who: the member's three changes; the URL says so.
      WebElement actor = b.driver.findElement(By.id("actor"));
      actor.sendKeys(member, Keys.ENTER);
      waitFor(b, List.of("vote", "comment", "trigger"));
      assertTrue(
          b.driver.getCurrentUrl().endsWith("audit.html?actor=" + member),
          b.driver.getCurrentUrl());
      assertEquals(3, b.driver.findElements(By.cssSelector("#audit tr[data-id]")).size());

      // And which action: one vote.
      new Select(b.driver.findElement(By.id("action"))).selectByValue("vote");
      waitFor(b, List.of("vote"));
      assertEquals(1, b.driver.findElements(By.cssSelector("#audit tr[data-id]")).size());
      assertTrue(
          b.driver.getCurrentUrl().endsWith("audit.html?actor=" + member + "&action=vote"),
          b.driver.getCurrentUrl());

      // Back restores the previous view, form included.
      b.driver.navigate().back();
      waitFor(b, List.of("vote", "comment", "trigger"));
      assertEquals(
          "",
          new Select(b.driver.findElement(By.id("action")))
              .getFirstSelectedOption()
              .getAttribute("value"));

      // A shared link: the lead's pauses.
      b.driver.get(page("viewer", "/ui/audit.html?actor=" + lead + "&action=pause"));
      waitFor(b, List.of("pause"));
      assertEquals(lead, b.driver.findElement(By.id("actor")).getAttribute("value"));
      assertEquals(
          "pause",
          new Select(b.driver.findElement(By.id("action")))
              .getFirstSelectedOption()
              .getAttribute("value"));
      // Another action from the select: the lead's unpause alone.
      new Select(b.driver.findElement(By.id("action"))).selectByValue("unpause");
      waitFor(b, List.of("unpause"));
      assertEquals(List.of(), b.severeLogs(), "console errors");

      // A filter the API refuses: its detail on the page, no stale rows.
      WebElement target = b.driver.findElement(By.id("target"));
      target.sendKeys("/", Keys.ENTER);
      WebElement error =
          b.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
      assertTrue(
          error.getText().contains("target: '/' must be a target path or its prefix"),
          error.getText());
      assertEquals(0, b.driver.findElements(By.cssSelector("#audit tr[data-id]")).size());
      assertTrue(b.driver.getCurrentUrl().contains("target=%2F"), b.driver.getCurrentUrl());
      // The browser logs the refused fetch itself; nothing else went wrong.
      assertTrue(
          b.severeLogs().stream().allMatch(m -> m.contains("400")), "only the refused fetch");

      // Nothing matching: said in words.
      b.driver.get(page("viewer", "/ui/audit.html?actor=nobody_" + UUID.randomUUID()));
      WebElement empty =
          b.waiting()
              .until(
                  ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#audit tr.empty")));
      assertTrue(
          empty.getText().startsWith("No change matches these filters (by nobody_"),
          empty.getText());
    }
  }

  /** Every page with the shared header links to the audit page. */
  @Test
  void everyPage_linksToTheAuditPage() {
    for (String p :
        List.of(
            "index.html", "dags.html", "run.html", "sweep.html", "compare.html", "review.html")) {
      users
          .as("viewer")
          .get("/ui/" + p)
          .then()
          .statusCode(200)
          .body(containsString("<a href=\"audit.html\">Audit</a></nav>"));
    }
  }
}
