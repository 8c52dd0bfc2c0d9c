package dev.atelier.workflows.dsl;

/** The JSON-schema types a {@link Param} may have. */
public enum ParamType {
  NUMBER("number"),
  INTEGER("integer"),
  STRING("string"),
  BOOLEAN("boolean"),
  ARRAY("array");

  private final String value;

  ParamType(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
