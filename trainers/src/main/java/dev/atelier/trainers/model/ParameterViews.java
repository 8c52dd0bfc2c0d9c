package dev.atelier.trainers.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * A parameter's value as the blocks written here use it: a view owned by the manager of the array
 * it is combined with. DJL attaches an operation's result to its receiver's manager, so {@code
 * weight.expandDims(0).mul(styles)} on the parameter's own array (a {@link ParameterStore} made
 * without copies hands that out) would leave every per-sample weight in the model's manager until
 * the model is closed: a stylegan2 sample step kept ~1 GB that way at 32 px (64 images through
 * modulated convolutions), every sample step. The view is differentiable like the parameter and
 * goes with the step's arrays. Training and inference already pass such views in ({@code
 * train/StepParameters}); this keeps the blocks safe under any other parameter store (the
 * style-mixing sheet's, a test's).
 */
final class ParameterViews {
  private ParameterViews() {}

  static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    NDArray v = ps.getValue(p, like.getDevice(), training);
    if (v.getManager() == like.getManager()) {
      return v;
    }
    NDArray view = v.reshape(v.getShape());
    view.attach(like.getManager());
    return view;
  }
}
