package dev.atelier.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workflow a Schedule starts hands the app the instant it was scheduled for, no other. */
class ScheduledRunWorkflowTest {
  private TestWorkflowEnvironment env;
  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    env.registerSearchAttribute(
        "TemporalScheduledStartTime", IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
    Worker worker = env.newWorker("q");
    worker.registerWorkflowImplementationTypes(ScheduledRunWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        (ScheduledRunActivities)
            (dagId, fireTime) -> {
              calls.add(dagId + " " + fireTime);
              return "created scheduled__" + fireTime;
            });
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void firing_passesTheScheduledInstant_notTheStartTime() {
    OffsetDateTime scheduled = OffsetDateTime.of(2026, 11, 21, 0, 0, 0, 0, ZoneOffset.UTC);
    String result =
        stub(WorkflowOptions.newBuilder()
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(ScheduledRunWorkflowImpl.SCHEDULED_START, scheduled)
                        .build()))
            .fire(new ScheduledRunInput("emoji_nightly"));
    assertEquals(List.of("emoji_nightly 2026-11-21T00:00:00Z"), calls);
    assertEquals("created scheduled__2026-11-21T00:00:00Z", result);
  }

  @Test
  void startedByHand_usesWorkflowTime() {
    Instant before = Instant.ofEpochMilli(env.currentTimeMillis());
    stub(WorkflowOptions.newBuilder()).fire(new ScheduledRunInput("emoji_nightly"));
    Instant fired = Instant.parse(calls.get(0).split(" ")[1]);
    assertEquals(before.getEpochSecond(), fired.getEpochSecond(), 5);
  }

  private ScheduledRunWorkflow stub(WorkflowOptions.Builder options) {
    WorkflowClient client = env.getWorkflowClient();
    return client.newWorkflowStub(
        ScheduledRunWorkflow.class, options.setTaskQueue("q").setWorkflowId("scheduled:t").build());
  }
}
