package dev.atelier.workflows.activities;

/**
 * What a poke found: the condition holds ({@code done}, with an optional XCom), the watched thing
 * ended in a failed state ({@code failed}), or neither yet; {@code detail} says what was seen.
 */
public record PokeResult(boolean done, boolean failed, String detail, Object xcom) {
  public static PokeResult waiting(String detail) {
    return new PokeResult(false, false, detail, null);
  }

  public static PokeResult done(String detail, Object xcom) {
    return new PokeResult(true, false, detail, xcom);
  }

  public static PokeResult failed(String detail) {
    return new PokeResult(false, true, detail, null);
  }
}
