package dev.atelier.trainers.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) whose state a checkpoint can hold: DJL's own keeps its moment estimates
 * in private maps that {@code Model.save} never sees. The update itself is the engine's fused
 * {@code adamUpdate}, exactly as DJL's Adam calls it (same bias correction, epsilon outside the
 * square root), so the two run at the same speed and give the same numbers.
 */
public final class Adam {
  private static final float EPSILON = 1e-8f;

  private final List<Pair<String, Parameter>> params;
  private final float lr;
  private final float beta1;
  private final float beta2;
  private final List<NDArray> means = new ArrayList<>();
  private final List<NDArray> variances = new ArrayList<>();
  private final NDManager state;
  private int updates;

  /**
   * @param state where the moments live: a manager that outlives the run's steps
   */
  public Adam(
      List<Pair<String, Parameter>> params,
      double lr,
      double beta1,
      double beta2,
      NDManager state) {
    this.params = params;
    this.lr = (float) lr;
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.state = state;
    for (Pair<String, Parameter> p : params) {
      NDArray w = p.getValue().getArray();
      NDArray m = state.zeros(w.getShape(), w.getDataType());
      NDArray v = state.zeros(w.getShape(), w.getDataType());
      m.setName(p.getKey() + ".m");
      v.setName(p.getKey() + ".v");
      means.add(m);
      variances.add(v);
    }
  }

  /** How many updates were made, which the bias correction depends on. */
  public int updates() {
    return updates;
  }

  /** The moment estimates as safetensors, named {@code <parameter>.m} and {@code <parameter>.v}. */
  public void save(Path file) throws IOException {
    NDList all = new NDList();
    all.addAll(means);
    all.addAll(variances);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      all.encode(out, NDList.Encoding.SAFETENSORS);
    }
  }

  /** Restores what {@link #save} wrote, and the update count that goes with it. */
  public void load(Path file, int updates) throws IOException {
    try (NDManager tmp = state.newSubManager();
        InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      NDList saved = NDList.decode(tmp, in);
      for (List<NDArray> moments : List.of(means, variances)) {
        for (NDArray target : moments) {
          NDArray source = saved.get(target.getName());
          if (source == null || !source.getShape().equals(target.getShape())) {
            throw new IOException(file + " holds no " + target.getName() + " " + target.getShape());
          }
          source.copyTo(target);
        }
      }
    }
    this.updates = updates;
  }

  /** One update of every parameter, {@code grads} in the order of the parameters given. */
  public void update(List<NDArray> grads) {
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
