package dev.atelier.workflows.dsl;

import java.util.List;
import java.util.Map;

/**
 * Definition-time checks of a mapped task (Airflow's {@code _validate_arg_names} and the checks of
 * {@code expand}): argument names against the task's signature, a name both shared and mapped, and
 * values that cannot be mapped over. Every problem is added, none thrown.
 */
final class MappingCheck {
  private MappingCheck() {}

  static void check(
      String id,
      List<String> signature,
      Map<String, Object> partial,
      Map<String, Object> expand,
      Object expandKwargs,
      Params params,
      List<String> violations) {
    if (signature != null) {
      for (String name : partial.keySet()) {
        if (!signature.contains(name)) {
          violations.add(id + "() got an unexpected argument '" + name + "'");
        }
      }
      for (String name : expand.keySet()) {
        if (!signature.contains(name)) {
          violations.add(id + ".expand() got an unexpected argument '" + name + "'");
        }
      }
    }
    if (!expand.isEmpty() && expandKwargs != null) {
      violations.add(
          id + ".expand_kwargs() cannot be combined with expand(); map over one or the other");
    }
    for (Map.Entry<String, Object> e : expand.entrySet()) {
      if (partial.containsKey(e.getKey())) {
        violations.add(
            id + ".expand() got argument '" + e.getKey() + "' that partial() already set");
      }
      mappable(id + ".expand() argument '" + e.getKey() + "'", e.getValue(), params, violations);
    }
    if (expandKwargs != null) {
      kwargsSource(id, signature, expandKwargs, params, violations);
    }
    if (signature != null && expandKwargs == null) {
      for (String name : signature) {
        if (!partial.containsKey(name) && !expand.containsKey(name)) {
          violations.add(id + "() missing required argument '" + name + "'");
        }
      }
    }
  }

  /** A value {@code expand} can map over: a list, a dict, an XComArg or an array param. */
  static void mappable(String what, Object value, Params params, List<String> violations) {
    if (value instanceof List<?> || value instanceof Map<?, ?> || value instanceof XComArg) {
      return;
    }
    if (value instanceof ParamRef ref) {
      arrayParam(what, ref, params, violations);
      return;
    }
    violations.add(
        what
            + " must be a list, a dict, an XComArg or a reference to an array param, got "
            + Values.show(value));
  }

  private static void kwargsSource(
      String id, List<String> signature, Object source, Params params, List<String> violations) {
    String what = id + ".expand_kwargs()";
    if (source instanceof XComArg) {
      return;
    }
    if (source instanceof ParamRef ref) {
      arrayParam(what + " argument", ref, params, violations);
      return;
    }
    if (!(source instanceof List<?> list)) {
      violations.add(
          what
              + " argument must be a list of dicts, an XComArg or a reference to an array param,"
              + " got "
              + Values.show(source));
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> kwargs)) {
        violations.add(
            what
                + " item ["
                + i
                + "] must be a dict of arguments, got "
                + Values.show(list.get(i)));
      } else if (signature != null) {
        for (Object name : kwargs.keySet()) {
          if (!signature.contains(String.valueOf(name))) {
            violations.add(
                id + ".expand_kwargs() item [" + i + "] got an unexpected argument '" + name + "'");
          }
        }
      }
    }
  }

  private static void arrayParam(
      String what, ParamRef ref, Params params, List<String> violations) {
    Param p = params.asMap().get(ref.name());
    if (p != null && p.type() != ParamType.ARRAY) {
      violations.add(
          what
              + " refers to "
              + ref
              + ", which is of type '"
              + p.type().value()
              + "', not 'array'");
    }
  }
}
