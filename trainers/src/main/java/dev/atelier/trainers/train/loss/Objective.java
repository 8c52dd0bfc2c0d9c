package dev.atelier.trainers.train.loss;

import dev.atelier.trainers.spec.Hyperparams;
import java.util.ArrayList;
import java.util.List;

/** The loss a spec asks for: an adversarial loss plus any gradient penalties on D. */
public record Objective(AdversarialLoss loss, List<GradientPenalty> penalties) {
  public Objective {
    penalties = List.copyOf(penalties);
  }

  public static Objective of(Hyperparams hp) {
    List<GradientPenalty> penalties = new ArrayList<>();
    AdversarialLoss loss =
        switch (hp.loss()) {
          case BCE -> new NonSaturatingLoss();
          case HINGE -> new HingeLoss();
          case WGAN_GP -> {
            penalties.add(new InterpolationPenalty(hp.gpWeight()));
            yield new WassersteinLoss();
          }
          case RPGAN -> new RelativisticPairingLoss();
        };
    int every = Math.max(1, hp.r1Interval());
    if (hp.r1Gamma() > 0) {
      penalties.add(lazy(new R1Penalty(hp.r1Gamma() * every), every));
    }
    if (hp.r2Gamma() > 0) {
      penalties.add(lazy(new R2Penalty(hp.r2Gamma() * every), every));
    }
    return new Objective(loss, penalties);
  }

  private static GradientPenalty lazy(GradientPenalty p, int every) {
    return every == 1 ? p : new LazyPenalty(p, every);
  }
}
