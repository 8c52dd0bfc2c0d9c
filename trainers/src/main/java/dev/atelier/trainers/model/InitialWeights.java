package dev.atelier.trainers.model;

/**
 * A block whose weights start from another normal distribution than the DCGANs' N(0, 0.02):
 * progan's equalised learning rate draws N(0, 1) and scales at run time.
 */
public interface InitialWeights {
  float initialWeightStd();
}
