package dev.atelier.trainers.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter values a network's forward pass sees during one step. Trainable parameters are
 * replaced by views of the same storage that belong to the step's manager: either fresh autograd
 * leaves, whose gradients therefore start empty every step and die with it, or constants that
 * record no gradient (D while G is updated, so no gradient leaks into D and nothing needs
 * freezing). BatchNorm's running statistics are passed through, so training still updates them.
 * Nothing accumulates in the long-lived parameters' own gradients, so nothing needs zeroing.
 */
public final class StepParameters extends ParameterStore {
  private final Map<String, NDArray> byId = new HashMap<>();
  private final List<NDArray> leaves = new ArrayList<>();

  private StepParameters(NDManager manager) {
    super(manager, false);
  }

  public static StepParameters trainable(Network net, NDManager manager) {
    return of(net, manager, true);
  }

  public static StepParameters frozen(Network net, NDManager manager) {
    return of(net, manager, false);
  }

  private static StepParameters of(Network net, NDManager manager, boolean leaves) {
    StepParameters s = new StepParameters(manager);
    for (Pair<String, Parameter> p : net.trainable) {
      NDArray view = p.getValue().getArray().stopGradient();
      view.attach(manager);
      if (leaves) {
        view.setRequiresGradient(true);
        s.leaves.add(view);
      }
      s.byId.put(p.getValue().getId(), view);
    }
    return s;
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean training) {
    if (parameter == null) {
      return null; // an optional parameter the block does not have, e.g. a convolution's bias
    }
    NDArray view = byId.get(parameter.getId());
    return view != null ? view : parameter.getArray();
  }

  /** This step's gradients, in the network's trainable order (zeros where none arrived). */
  public List<NDArray> gradients() {
    return leaves.stream().map(NDArray::getGradient).toList();
  }
}
