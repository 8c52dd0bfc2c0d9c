package dev.atelier.workflows.dsl;

import dev.atelier.workflows.schedule.AssetAlias;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A review as a task, with the semantics of Airflow 3.1's human-in-the-loop {@code
 * ApprovalOperator} (a {@code HITLOperator} whose options are Approve and Reject). When it starts,
 * the candidates (the sweep's top {@code top_k} trials by the objective {@code pick_best} ranked
 * by, plus the model's current champion) are written down as a pending review; the run then waits,
 * holding no worker, until someone it names answers in the review room. {@code Approve} promotes
 * the chosen candidate at the step reviewed and the task succeeds; {@code Reject} skips the direct
 * downstream tasks (the task itself succeeds), or fails the task with {@code fail_on_reject}. After
 * {@code execution_timeout} the {@code defaults} are the answer; without defaults the task fails.
 * The answer ({@code chosen_options}, {@code responded_by_user}, {@code responded_at}, and the
 * candidate, step and reason) is the task's XCom.
 *
 * <p>Arguments, as Airflow names them: {@code subject}, {@code body}, {@code options}, {@code
 * defaults}, {@code multiple} (always false: one answer), {@code assigned_users}; and Atelier's
 * {@code assigned_roles} (who may answer by role, default {@code lead}), {@code fail_on_reject},
 * {@code trials} (the sweep task's XCom), {@code best} (pick_best's XCom), {@code top_k}.
 */
public final class ReviewOperator extends ArgsTask<ReviewOperator> {
  public static final String APPROVE = "Approve";
  public static final String REJECT = "Reject";

  /** Roles that may answer: approving promotes, which needs {@code lead} (or {@code admin}). */
  public static final List<String> ANSWERING_ROLES = List.of("lead", "admin");

  static final int MAX_TOP_K = 32;

  public ReviewOperator(String taskId, String subject) {
    super(taskId);
    arg("subject", subject);
    arg("options", List.of(APPROVE, REJECT));
    arg("defaults", List.of());
    arg("multiple", false);
    arg("assigned_users", List.of());
    arg("assigned_roles", List.of("lead"));
    arg("fail_on_reject", false);
    arg("top_k", 4);
  }

  /** What the reviewers read under the subject (plain text). */
  public ReviewOperator body(String body) {
    return arg("body", body);
  }

  /** The answers offered; Approve and Reject by default, and both must stay. */
  public ReviewOperator options(String... options) {
    return arg("options", List.of(options));
  }

  /** The answer when {@code execution_timeout} passes with none (Airflow's {@code defaults}). */
  public ReviewOperator defaults(String... defaults) {
    return arg("defaults", List.of(defaults));
  }

  /** Only these users may answer (Airflow's {@code assigned_users}); empty: anyone in the roles. */
  public ReviewOperator assignedUsers(String... users) {
    return arg("assigned_users", List.of(users));
  }

  /**
   * Only users holding one of these roles (or a higher one) may answer; {@code lead} by default.
   */
  public ReviewOperator assignedRoles(String... roles) {
    return arg("assigned_roles", List.of(roles));
  }

  /**
   * Airflow's {@code fail_on_reject}: a rejection fails the task instead of skipping downstream.
   */
  public ReviewOperator failOnReject(boolean fail) {
    return arg("fail_on_reject", fail);
  }

  /**
   * What is reviewed: the trials of {@code sweep} (a train task), ranked by the metric and mode
   * {@code pickBest} judged by. Both become upstream tasks.
   */
  public ReviewOperator candidates(Task sweep, Task pickBest) {
    arg("trials", sweep.output());
    return arg("best", pickBest.output());
  }

  /**
   * The evidence of a retrain: an {@link EvaluateChampionOperator}'s output, the champion measured
   * on the challenger's data, shown side by side with the challenger's values and grid.
   */
  public ReviewOperator evaluation(Task evaluateChampion) {
    return arg("evaluation", evaluateChampion.output());
  }

  /**
   * The policy that may approve without a lead: when the challenger (pick_best's trial) beats the
   * champion on every metric the evaluation compares by at least {@code margin} (relative: 0.05 is
   * 5 % lower for a {@code min} metric), the review approves it at its last step by itself,
   * recorded in the audit as a lead's approval is. Off unless called; needs {@link #evaluation}.
   */
  public ReviewOperator autoPromote(double margin) {
    return arg("auto_promote", java.util.Map.of("margin", margin));
  }

  /** How many of the sweep's best trials are shown (default 4, at most 32). */
  public ReviewOperator topK(int k) {
    return arg("top_k", k);
  }

  /** Airflow's {@code execution_timeout} for a review: how long it waits for an answer. */
  public ReviewOperator timeout(Duration timeout) {
    executionTimeout(timeout);
    return this;
  }

  @Override
  public String operator() {
    return "ReviewOperator";
  }

  @Override
  public TaskKind kind() {
    return TaskKind.REVIEW;
  }

  @Override
  boolean canSkipItself() {
    return false;
  }

  @Override
  protected void check(String dagId, Params params, List<String> violations) {
    List<String> found = new ArrayList<>();
    String at = "ReviewOperator '" + taskId() + "': ";
    Object subject = args().get("subject");
    if (!(subject instanceof String s) || s.isBlank()) {
      found.add("subject " + Values.show(subject) + " must be a non-empty string");
    }
    Object body = args().get("body");
    if (body != null && !(body instanceof String)) {
      found.add("body " + Values.show(body) + " must be a string");
    }
    List<String> options = strings(args().get("options"));
    if (options == null || options.stream().anyMatch(o -> o == null || o.isBlank())) {
      found.add("options " + Values.show(args().get("options")) + " must be non-empty strings");
      options = List.of();
    } else if (new LinkedHashSet<>(options).size() != options.size()) {
      found.add("options " + Values.show(options) + " must not repeat an option");
    }
    if (!options.isEmpty() && !(options.contains(APPROVE) && options.contains(REJECT))) {
      found.add(
          "options "
              + Values.show(options)
              + " must include '"
              + APPROVE
              + "' and '"
              + REJECT
              + "': approving promotes a candidate, rejecting keeps the champion");
    }
    List<String> defaults = strings(args().get("defaults"));
    if (defaults == null) {
      found.add("defaults " + Values.show(args().get("defaults")) + " must be a list of options");
    } else {
      for (String d : defaults) {
        if (!options.contains(d)) {
          found.add("defaults: " + Values.show(d) + " is not one of the options " + options);
        }
      }
      if (defaults.size() > 1) {
        found.add(
            "defaults " + Values.show(defaults) + " has more than one answer; multiple=false");
      }
      if (defaults.contains(APPROVE)) {
        found.add(
            "defaults "
                + Values.show(defaults)
                + " must not be '"
                + APPROVE
                + "': a timeout cannot choose which candidate to promote");
      }
    }
    if (!Boolean.FALSE.equals(args().get("multiple"))) {
      found.add("multiple " + Values.show(args().get("multiple")) + " must be false: one answer");
    }
    List<String> users = strings(args().get("assigned_users"));
    if (users == null || users.stream().anyMatch(u -> u == null || u.isBlank())) {
      found.add(
          "assigned_users " + Values.show(args().get("assigned_users")) + " must be user names");
    }
    List<String> roles = strings(args().get("assigned_roles"));
    if (roles == null || roles.isEmpty()) {
      found.add(
          "assigned_roles "
              + Values.show(args().get("assigned_roles"))
              + " must name at least one of "
              + ANSWERING_ROLES);
    } else {
      for (String r : roles) {
        if (!ANSWERING_ROLES.contains(r)) {
          found.add(
              "assigned_roles: "
                  + Values.show(r)
                  + " is not one of "
                  + ANSWERING_ROLES
                  + " (approving promotes, which needs lead)");
        }
      }
    }
    if (!(args().get("fail_on_reject") instanceof Boolean)) {
      found.add(
          "fail_on_reject " + Values.show(args().get("fail_on_reject")) + " must be true/false");
    }
    Object k = args().get("top_k");
    if (!(k instanceof Integer n) || n < 1 || n > MAX_TOP_K) {
      found.add("top_k " + Values.show(k) + " must be an integer from 1 to " + MAX_TOP_K);
    }
    if (!(args().get("trials") instanceof XComArg)) {
      found.add("trials is required: call candidates(sweep, pickBest) with the sweep task");
    }
    if (!(args().get("best") instanceof XComArg)) {
      found.add("best is required: call candidates(sweep, pickBest) with the pick_best task");
    }
    Object evaluation = args().get("evaluation");
    if (evaluation != null && !(evaluation instanceof XComArg)) {
      found.add(
          "evaluation "
              + Values.show(evaluation)
              + " must be an EvaluateChampionOperator's output (evaluation(task))");
    }
    Object policy = args().get("auto_promote");
    if (policy != null) {
      Object margin = policy instanceof java.util.Map<?, ?> m ? m.get("margin") : null;
      if (!(margin instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() >= 1) {
        found.add(
            "auto_promote margin "
                + Values.show(margin)
                + " must be a number from 0 (inclusive) to 1: the fraction by which the challenger"
                + " must beat the champion on every metric");
      }
      if (evaluation == null) {
        found.add(
            "auto_promote needs evaluation(task): a policy judges the champion measured on the"
                + " challenger's data");
      }
    }
    if (!settings.outlets.isEmpty()) {
      found.add("outlets " + settings.outlets + " are not supported: a review updates no dataset");
    }
    if (!settings.outletAliases.isEmpty()) {
      found.add(
          "outlets "
              + settings.outletAliases.stream().map(AssetAlias::describe).toList()
              + " are not supported: a review adds no asset events");
    }
    found.forEach(f -> violations.add(at + f));
  }

  /** The value as a list of strings, or null when it is not one. */
  private static List<String> strings(Object value) {
    if (!(value instanceof List<?> list)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        return null;
      }
      out.add(s);
    }
    return out;
  }
}
