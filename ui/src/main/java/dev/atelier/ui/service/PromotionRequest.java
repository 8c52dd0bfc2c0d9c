package dev.atelier.ui.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * A lead's decision to promote: which checkpoint, under which registered model, and why.
 *
 * @param reason required: the audit trail is only as useful as its reasons
 * @param step the sample step whose grid the lead saw ({@code 300}), or {@code "final"} for the
 *     trial's exported checkpoint; JSON may send a number or a string
 * @param model the registered model to promote into; null for the run's own ({@link
 *     RegisteredModels#forRun})
 * @param review the review room's votes and comments, kept with the promotion's evidence; may be
 *     null
 */
public record PromotionRequest(
    @NotBlank(message = "must not be blank: say why this checkpoint is the champion") String reason,
    @NotNull(message = "is required: the sample step whose grid you saw (e.g. 300), or \"final\"")
        String step,
    String model,
    Map<String, Object> review) {

  /** What {@link #step} says for the trial's exported checkpoint. */
  public static final String FINAL = "final";

  /** The checkpoint at sample step {@code step}. */
  public PromotionRequest(String reason, long step) {
    this(reason, Long.toString(step), null, null);
  }
}
