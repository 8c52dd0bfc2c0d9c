package dev.atelier.workflows.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task that takes keyword arguments: literals, {@link ParamRef}s (params of the run) or {@link
 * XComArg}s (other tasks' XComs, which also become upstreams when the Dag is built).
 *
 * @param <T> the concrete task, so {@code arg(...)} chains keep their type
 */
public abstract class ArgsTask<T extends ArgsTask<T>> extends Task {
  private final Map<String, Object> args = new LinkedHashMap<>();

  protected ArgsTask(String taskId) {
    super(taskId);
  }

  /** One argument: a literal, {@link ParamRef#param}, or another task's {@link XComArg}. */
  public T arg(String name, Object value) {
    args.put(name, value);
    return self();
  }

  /** Several arguments at once ({@code **kwargs}), e.g. from {@link Kwargs#of}. */
  public T args(Map<String, Object> kwargs) {
    args.putAll(kwargs);
    return self();
  }

  @Override
  public Map<String, Object> args() {
    return Collections.unmodifiableMap(args);
  }

  @SuppressWarnings("unchecked")
  protected final T self() {
    return (T) this;
  }
}
