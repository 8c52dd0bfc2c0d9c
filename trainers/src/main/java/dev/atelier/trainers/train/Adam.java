package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) whose state a checkpoint can hold: DJL's own keeps its moment estimates
 * in private maps that {@code Model.save} never sees. The update itself is the engine's fused
 * {@code adamUpdate}, exactly as DJL's Adam calls it (same bias correction, epsilon outside the
 * square root), so the two run at the same speed and give the same numbers.
 */
final class Adam {
  private static final float EPSILON = 1e-8f;

  private final List<Pair<String, Parameter>> params;
  private final float lr;
  private final float beta1;
  private final float beta2;
  private final List<NDArray> means = new ArrayList<>();
  private final List<NDArray> variances = new ArrayList<>();
  private int updates;

  /**
   * @param state where the moments live: a manager that outlives the run's steps
   */
  Adam(
      List<Pair<String, Parameter>> params,
      double lr,
      double beta1,
      double beta2,
      NDManager state) {
    this.params = params;
    this.lr = (float) lr;
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    for (Pair<String, Parameter> p : params) {
      NDArray w = p.getValue().getArray();
      means.add(state.zeros(w.getShape(), w.getDataType()));
      variances.add(state.zeros(w.getShape(), w.getDataType()));
    }
  }

  float learningRate() {
    return lr;
  }

  /** One update of every parameter, {@code grads} in the order of the parameters given. */
  void update(List<NDArray> grads) {
    updates++;
    double coef1 = 1.0 - Math.pow(beta1, updates);
    double coef2 = 1.0 - Math.pow(beta2, updates);
    float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).getValue().getArray();
      w.getNDArrayInternal()
          .adamUpdate(
              new NDList(w, grads.get(i), means.get(i), variances.get(i)),
              new NDList(w),
              lr,
              corrected,
              0f, // weight decay
              1f, // rescale
              -1f, // no clipping
              beta1,
              beta2,
              EPSILON,
              true,
              false);
    }
  }
}
