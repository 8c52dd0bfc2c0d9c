package dev.atelier.ui.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One Dag run as a grid: a row per task in the Dag's order, a cell per task instance (a mapped
 * task's row has one cell per map index), each with its state, tries and duration, and a trial's
 * MLflow run. {@code mlflowUi} is where MLflow's web UI is, for links; {@code dagVersion} the
 * version of the Dag the run was created under (null for runs from before versions were kept).
 */
public record RunGrid(
    String dagId,
    String dagRunId,
    String state,
    String runType,
    OffsetDateTime logicalDate,
    OffsetDateTime dataIntervalStart,
    OffsetDateTime dataIntervalEnd,
    OffsetDateTime startDate,
    OffsetDateTime endDate,
    Map<String, Object> conf,
    String mlflowUi,
    Version dagVersion,
    List<Row> tasks) {

  /** The Dag's version: its number, the digest of its JSON form, the build that defined it. */
  public record Version(int versionNumber, String digest, String bundleVersion) {}

  /** A task: its operator, the tasks it waits for, and its instances by map index. */
  public record Row(
      String taskId,
      String operator,
      boolean mapped,
      List<String> upstream,
      List<Cell> instances) {}

  /** A task instance; {@code mapIndex} -1 when unmapped, {@code duration} in seconds. */
  public record Cell(
      int mapIndex,
      String state,
      int tryNumber,
      OffsetDateTime startDate,
      OffsetDateTime endDate,
      Double duration,
      String mlflowRunId,
      String note) {}
}
