package dev.atelier.workflows.schedule;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Deterministic by construction: the instant comes from the search attribute Temporal's scheduler
 * sets on the workflow's start (recorded in its history), or, for a workflow started by hand, from
 * workflow time. The activity retries for a week, so firings while the app is down create their
 * runs when it is back.
 */
public final class ScheduledRunWorkflowImpl implements ScheduledRunWorkflow {
  static final SearchAttributeKey<OffsetDateTime> SCHEDULED_START =
      SearchAttributeKey.forOffsetDateTime("TemporalScheduledStartTime");

  private final ScheduledRunActivities app =
      Workflow.newActivityStub(
          ScheduledRunActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setScheduleToCloseTimeout(Duration.ofDays(7))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setBackoffCoefficient(2)
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .build())
              .build());

  @Override
  public String fire(ScheduledRunInput input) {
    OffsetDateTime scheduled = Workflow.getTypedSearchAttributes().get(SCHEDULED_START);
    Instant at =
        scheduled != null
            ? scheduled.toInstant()
            : Instant.ofEpochMilli(Workflow.currentTimeMillis());
    return app.createScheduledRun(input.dagId(), at.toString());
  }
}
