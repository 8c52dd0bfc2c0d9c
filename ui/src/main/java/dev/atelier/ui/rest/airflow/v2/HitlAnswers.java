package dev.atelier.ui.rest.airflow.v2;

import dev.atelier.ui.repository.ReviewRow;
import dev.atelier.ui.service.ArtifactPaths;
import dev.atelier.ui.service.MlflowRuns;
import dev.atelier.ui.service.ReviewApproval;
import dev.atelier.ui.service.ReviewDecisions;
import dev.atelier.ui.service.ReviewRejection;
import dev.atelier.workflows.dsl.ReviewOperator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Answering a review through Airflow 3's {@code UpdateHITLDetailPayload} ({@code chosen_options},
 * {@code params_input}): the payload is checked against the review's question, every bad value a
 * 422 naming field, value and rule, then handed to {@link ReviewDecisions}, the review room's own
 * path. So "Approve" promotes the candidate at the step, records the audit row and tells the
 * waiting run, exactly as approving in the review room; the assignment (users, roles) is checked
 * there.
 */
@ApplicationScoped
public class HitlAnswers {
  static final Set<String> FIELDS = Set.of("chosen_options", "params_input");
  private static final Set<String> INPUTS =
      Set.of(ReviewHitl.CANDIDATE, ReviewHitl.STEP, ReviewHitl.REASON);

  private final ReviewDecisions decisions;
  private final MlflowRuns mlflow;

  HitlAnswers(ReviewDecisions decisions, MlflowRuns mlflow) {
    this.decisions = decisions;
    this.mlflow = mlflow;
  }

  /** The payload as read, before it is held to a review. */
  record Payload(List<String> chosenOptions, Map<String, Object> paramsInput) {}

  /** Reads the body's shape (422 for a bad one): a non-empty list of options, an object. */
  static Payload read(String text, RequestChecks checks) {
    JsonBody body = JsonBody.parse(text, FIELDS, checks);
    List<String> chosen = body.strings("chosen_options", 250);
    if (checks.ok() && chosen == null) {
      checks.add(Violation.missing(RequestChecks.body("chosen_options")));
    } else if (chosen != null && chosen.isEmpty()) {
      checks.add(
          new Violation(
              "too_short",
              RequestChecks.body("chosen_options"),
              "chosen_options: [] must hold at least 1 option",
              List.of(),
              Map.of("min_length", 1)));
    }
    Map<String, Object> input = body.object("params_input");
    return new Payload(chosen, input == null ? Map.of() : input);
  }

  /** Answers {@code review} as {@code who}; 422 for an answer the review does not take. */
  HitlDetailResponse answer(
      ReviewRow review, Payload payload, String who, Predicate<String> hasRole) {
    RequestChecks checks = new RequestChecks();
    String option = option(review, payload.chosenOptions(), checks);
    Map<String, Object> input = payload.paramsInput();
    for (String key : input.keySet()) {
      if (!INPUTS.contains(key)) {
        checks.add(
            new Violation(
                "extra_forbidden",
                RequestChecks.body("params_input", key),
                "params_input."
                    + key
                    + ": is not a param of this review; it takes "
                    + INPUTS.stream().sorted().toList(),
                input.get(key),
                null));
      }
    }
    String reason = reason(input, checks);
    ReviewRow decided;
    if (ReviewOperator.APPROVE.equals(option)) {
      String candidate = candidate(review, input, checks);
      Long step = step(input, checks);
      checks.throwIfAny();
      step = gridStep(candidate, step);
      decided =
          decisions.approve(review.id(), new ReviewApproval(candidate, step, reason), who, hasRole);
    } else {
      for (String onlyApprove : List.of(ReviewHitl.CANDIDATE, ReviewHitl.STEP)) {
        if (input.get(onlyApprove) != null) {
          checks.add(
              Violation.of(
                  "value_error",
                  RequestChecks.body("params_input", onlyApprove),
                  input.get(onlyApprove),
                  "is for Approve only: a rejection promotes no candidate"));
        }
      }
      checks.throwIfAny();
      decided = decisions.reject(review.id(), new ReviewRejection(reason), who, hasRole);
    }
    return new HitlDetailResponse(
        HitlUser.of(decided.respondedBy()),
        decided.respondedAt(),
        decided.chosenOptions(),
        ReviewHitl.paramsInput(decided));
  }

  /** The one option chosen: one of the review's, and one Atelier answers (Approve or Reject). */
  private static String option(ReviewRow review, List<String> chosen, RequestChecks checks) {
    if (chosen.size() > 1) {
      checks.add(
          new Violation(
              "too_long",
              RequestChecks.body("chosen_options"),
              "chosen_options: "
                  + chosen
                  + " has "
                  + chosen.size()
                  + " options; multiple is false, choose one of "
                  + review.options(),
              chosen,
              Map.of("max_length", 1)));
      return null;
    }
    String option = chosen.get(0);
    List<Object> loc = RequestChecks.body("chosen_options", 0);
    if (!review.options().contains(option)) {
      checks.add(
          new Violation(
              "enum",
              loc,
              "chosen_options.0: '" + option + "' is not one of the options " + review.options(),
              option,
              Map.of("expected", review.options())));
      return null;
    }
    if (!option.equals(ReviewOperator.APPROVE) && !option.equals(ReviewOperator.REJECT)) {
      checks.add(
          Violation.of(
              "value_error",
              loc,
              option,
              "is not an answer Atelier acts on: choose '"
                  + ReviewOperator.APPROVE
                  + "' (promotes a candidate) or '"
                  + ReviewOperator.REJECT
                  + "'"));
      return null;
    }
    return option;
  }

  private static String reason(Map<String, Object> input, RequestChecks checks) {
    List<Object> loc = RequestChecks.body("params_input", ReviewHitl.REASON);
    Object value = input.get(ReviewHitl.REASON);
    if (value == null) {
      checks.add(
          new Violation(
              "missing",
              loc,
              "params_input.reason: missing; say why (the audit records it, as in the review"
                  + " room)",
              null,
              null));
      return null;
    }
    if (!(value instanceof String text)) {
      checks.add(Violation.of("string_type", loc, value, "is not a string"));
      return null;
    }
    if (text.isBlank()) {
      checks.add(
          new Violation(
              "string_too_short",
              loc,
              "params_input.reason: '" + text + "' must not be blank: say why",
              text,
              Map.of("min_length", 1)));
      return null;
    }
    return checks.text(loc, text, ReviewHitl.REASON_LEN);
  }

  /** The candidate to promote: one of the review's (pick_best's pick when absent). */
  private static String candidate(
      ReviewRow review, Map<String, Object> input, RequestChecks checks) {
    List<Object> loc = RequestChecks.body("params_input", ReviewHitl.CANDIDATE);
    Object value = input.get(ReviewHitl.CANDIDATE);
    List<String> candidates = review.candidateRunIds();
    if (value == null) {
      return candidates.isEmpty() ? null : candidates.get(0);
    }
    if (!(value instanceof String id)) {
      checks.add(Violation.of("string_type", loc, value, "is not a string"));
      return null;
    }
    if (id.equals(review.championRunId()) && !candidates.contains(id)) {
      checks.add(
          Violation.of(
              "value_error",
              loc,
              id,
              "is the champion already; approve one of the candidates "
                  + candidates
                  + " or Reject"));
      return null;
    }
    if (!candidates.contains(id)) {
      checks.add(
          new Violation(
              "enum",
              loc,
              "params_input.candidate: '"
                  + id
                  + "' is not a candidate of review "
                  + review.id()
                  + "; the candidates are "
                  + candidates,
              id,
              Map.of("expected", candidates)));
      return null;
    }
    return id;
  }

  private static Long step(Map<String, Object> input, RequestChecks checks) {
    List<Object> loc = RequestChecks.body("params_input", ReviewHitl.STEP);
    Object value = input.get(ReviewHitl.STEP);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      checks.add(Violation.of("int_type", loc, value, "is not an integer"));
      return null;
    }
    long step = ((Number) value).longValue();
    if (step < 0) {
      checks.add(
          new Violation(
              "greater_than_equal",
              loc,
              "params_input.step: " + step + " must be greater than or equal to 0",
              value,
              Map.of("ge", 0)));
      return null;
    }
    return step;
  }

  /** The step asked for, held to the candidate's grids; its latest grid when none was asked. */
  private Long gridStep(String candidate, Long asked) {
    List<Long> steps = new ArrayList<>();
    for (String path : mlflow.listArtifacts(candidate, "samples")) {
      ArtifactPaths.sampleStep(path).ifPresent(steps::add);
    }
    steps.sort(null);
    List<Object> loc = RequestChecks.body("params_input", ReviewHitl.STEP);
    if (asked == null) {
      Optional<Long> latest =
          steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
      return latest.orElseThrow(
          () ->
              new Unprocessable(
                  List.of(
                      Violation.of(
                          "value_error",
                          loc,
                          null,
                          "cannot default: candidate '"
                              + candidate
                              + "' has no sample grid to approve at"))));
    }
    if (!steps.contains(asked)) {
      throw new Unprocessable(
          List.of(
              new Violation(
                  "enum",
                  loc,
                  "params_input.step: "
                      + asked
                      + " has no grid for candidate '"
                      + candidate
                      + "' (its steps: "
                      + steps
                      + "); approve the step you reviewed",
                  asked,
                  Map.of("expected", steps))));
    }
    return asked;
  }
}
