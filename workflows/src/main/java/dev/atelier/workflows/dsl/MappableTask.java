package dev.atelier.workflows.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task that can be mapped, Airflow's dynamic task mapping: {@code arg(...)} (or {@link #partial})
 * sets what every instance shares, {@link #expand} maps over the cartesian product of lists (first
 * argument slowest), {@link #expandKwargs} over a list of kwargs dicts. A list may be literal, an
 * array param, or an upstream task's {@link XComArg} whose length is known only when it has run.
 *
 * @param <T> the concrete task, so calls chain with their type
 */
public abstract class MappableTask<T extends MappableTask<T>> extends ArgsTask<T> {
  private final Map<String, Object> expand = new LinkedHashMap<>();
  private Object expandKwargs;

  protected MappableTask(String taskId) {
    super(taskId);
  }

  /** Airflow's {@code .partial(**kwargs)}: arguments every mapped instance shares. */
  public T partial(Map<String, Object> kwargs) {
    return args(kwargs);
  }

  /** Airflow's {@code .expand(**kwargs)}: one instance per combination of the values. */
  public T expand(Map<String, Object> mapped) {
    expand.putAll(mapped);
    return self();
  }

  /**
   * Airflow's {@code .expand_kwargs(...)}: one instance per dict of a list of kwargs dicts; the
   * list may be literal, an array param or an upstream's {@link XComArg}.
   */
  public T expandKwargs(Object listOfKwargs) {
    this.expandKwargs = listOfKwargs;
    return self();
  }

  @Override
  public Map<String, Object> expandArgs() {
    return Collections.unmodifiableMap(expand);
  }

  @Override
  public Object expandKwargsArg() {
    return expandKwargs;
  }

  /** The argument names the task accepts, or null when it takes any. */
  protected List<String> signature() {
    return null;
  }

  @Override
  protected void check(String dagId, Params params, List<String> violations) {
    MappingCheck.check(taskId(), signature(), args(), expand, expandKwargs, params, violations);
  }
}
