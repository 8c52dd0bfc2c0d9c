package dev.atelier.workflows.search;

/**
 * A pruner's or stop rule's answer for one trial at one evaluation: go on, or stop with a reason
 * and a sentence a person reads ("fd_rgb8 9.8 at step 200 is not in the top 1/3 of rung 1 (best
 * 4.1, cut 6.0)").
 */
public record Verdict(StopReason reason, String detail) {
  public static final Verdict CONTINUE = new Verdict(null, "");

  public static Verdict stop(StopReason reason, String detail) {
    return new Verdict(reason, detail);
  }

  public boolean stops() {
    return reason != null;
  }
}
