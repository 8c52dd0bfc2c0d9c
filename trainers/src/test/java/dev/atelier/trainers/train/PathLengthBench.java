package dev.atelier.trainers.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.trainers.model.StyleGan2Generator;
import dev.atelier.trainers.spec.DatasetSpec;
import dev.atelier.trainers.spec.Hyperparams;
import dev.atelier.trainers.spec.LossKind;
import dev.atelier.trainers.spec.ModelKind;
import dev.atelier.trainers.spec.TrialSpec;
import dev.atelier.trainers.train.augment.DiffAugment;
import dev.atelier.trainers.train.loss.Objective;
import dev.atelier.trainers.train.loss.PathLengthPenalty;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The cost of stylegan2's path-length penalty: a training step (the example spec's sizes: 32 px,
 * widths 32, latent and w 64, batch 32, 2 threads) without it and with it on every step, median
 * process CPU ms (steadier than wall time on a shared machine) over alternating rounds; a step
 * where lazy R1 is not due. Not a test; run with {@code java -cp
 * trainers/target/test-classes:trainers/target/classes:$(cat trainers/target/classpath.txt)
 * dev.atelier.trainers.train.PathLengthBench [rounds]} with {@code OMP_WAIT_POLICY=PASSIVE} (as the
 * trainer sets it), else spinning OpenMP waiters count as CPU time.
 */
public final class PathLengthBench {
  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private PathLengthBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int batch = 32;
    Hyperparams hp =
        new Hyperparams(0.0025, 0.0, 64, batch, 1000, 32, 32)
            .with(LossKind.BCE, 10, 0.01, 0.999)
            .withBetas(0, 0.99)
            .withStyleGan2(64, 2, 0.9, 16);
    TrialSpec spec =
        TrialSpec.builder(
                "bench/pl",
                ModelKind.STYLEGAN2,
                new DatasetSpec(Path.of("/tmp"), 32, 0xffffff),
                hp,
                Path.of("/tmp/pl-bench"))
            .threads(OptionalInt.of(2))
            .build();
    Engine engine = Engine.getEngine("PyTorch");
    EngineThreads.apply(spec.threads());
    engine.setRandomSeed(1);
    try (NDManager root = NDManager.newBaseManager(TrainingDevice.get(), "PyTorch");
        Networks nets = Networks.create(spec, List.of())) {
      Adam adamG = new Adam(nets.g().trainable, hp.lrG(), hp.beta1(), hp.beta2(), root);
      Adam adamD = new Adam(nets.d().trainable, hp.lrD(), hp.beta1(), hp.beta2(), root);
      Optional<Ema> ema = nets.ema().map(a -> new Ema(nets.g(), a, hp.emaDecay(), root));
      ema.ifPresent(Ema::startFromSource);
      GanStep off = step(nets, adamG, adamD, ema, hp, Optional.empty());
      GanStep on = step(nets, adamG, adamD, ema, hp, Optional.of(new PathLengthPenalty(2, 1, 0)));
      StyleGan2Generator sg = (StyleGan2Generator) nets.g().block;
      double[] a = new double[rounds];
      double[] b = new double[rounds];
      int step = 1;
      for (int i = 0; i < rounds + 1; i++) {
        double[] ta = new double[3];
        double[] tb = new double[3];
        for (int k = 0; k < 3; k++, step += 2) {
          ta[k] = time(root, off, sg, step, batch);
          tb[k] = time(root, on, sg, step + 1, batch);
        }
        if (i > 0) { // the first round warms up
          a[i - 1] = median(ta);
          b[i - 1] = median(tb);
          System.out.printf(Locale.ROOT, "round %d: %.0f / %.0f CPU ms%n", i, a[i - 1], b[i - 1]);
        }
      }
      on.pathLength()
          .ifPresent(p -> System.out.println("loss_pl " + p.lastLoss() + ", pl_mean " + p.mean()));
      double mOff = median(a);
      double mOn = median(b);
      System.out.printf(
          Locale.ROOT,
          "fastest round: %.0f CPU ms without, %.0f with (x%.2f)%n",
          Arrays.stream(a).min().orElse(0),
          Arrays.stream(b).min().orElse(0),
          Arrays.stream(b).min().orElse(0) / Arrays.stream(a).min().orElse(1));
      System.out.printf(
          Locale.ROOT,
          "stylegan2 32px batch %d: step %.0f CPU ms without, %.0f with the penalty (x%.2f);"
              + " every 4 steps: %.0f CPU ms a step on average (+%.0f%%)%n",
          batch,
          mOff,
          mOn,
          mOn / mOff,
          mOff + (mOn - mOff) / 4,
          100 * (mOn - mOff) / 4 / mOff);
    }
  }

  private static GanStep step(
      Networks nets,
      Adam adamG,
      Adam adamD,
      Optional<Ema> ema,
      Hyperparams hp,
      Optional<PathLengthPenalty> pl) {
    return new GanStep(
        nets.g(),
        nets.d(),
        adamG,
        adamD,
        Objective.of(hp),
        ema,
        DiffAugment.of(List.of()),
        Optional.empty(),
        pl);
  }

  private static double time(
      NDManager root, GanStep gan, StyleGan2Generator sg, int step, int batch) {
    // Never a multiple of 16: lazy R1 is not due.
    int s = step % 16 == 0 ? step + 1 : step;
    try (NDManager sm = root.newSubManager()) {
      NDArray real = sm.randomUniform(-1, 1, new Shape(batch, 3, 32, 32));
      NDArray z = sm.randomNormal(new Shape(batch, 64));
      sg.draws(StepRandom.STYLE.at(1, s));
      long t0 = CPU.getProcessCpuTime();
      StepStats st = gan.run(sm, real, z, 1, s);
      if (System.getenv("PL_DEBUG") != null) {
        System.out.println(
            s + " " + st + " " + gan.pathLength().map(p -> p.lastLoss() + " " + p.mean()));
      }
      return (CPU.getProcessCpuTime() - t0) / 1e6;
    }
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
