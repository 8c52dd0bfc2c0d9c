package dev.atelier.workflows.temporal;

import dev.atelier.workflows.search.Evaluation;
import java.util.List;
import java.util.Map;

/**
 * One trial of a searching sweep, as {@link SweepWorkflow#state()} shows it.
 *
 * @param id the map index
 * @param params its configuration
 * @param state {@code running}, {@code complete}, {@code pruned} or {@code failed}
 * @param stopReason why the sweep stopped it ({@code StopReason.tag()}), or null
 * @param stopDetail the sentence a person reads, or null
 * @param lastStep the last step it reported
 * @param objective its objective value (best or last, as the objective says), or null
 * @param parent PBT: the trial whose checkpoint it started from, or null
 * @param parentStep PBT: the step of that checkpoint, or null
 * @param evaluations everything it reported
 */
public record SweepTrial(
    int id,
    Map<String, Object> params,
    String state,
    String stopReason,
    String stopDetail,
    long lastStep,
    Double objective,
    Integer parent,
    Long parentStep,
    List<Evaluation> evaluations) {}
