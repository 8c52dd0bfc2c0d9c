package dev.atelier.trainers.sr;

import dev.atelier.trainers.ExitStatus;
import dev.atelier.trainers.Outcome;
import dev.atelier.trainers.TrialReporting;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.data.ImageFolderLoader;
import dev.atelier.trainers.spec.MlflowSpec;
import dev.atelier.trainers.spec.SrParsedSpec;
import dev.atelier.trainers.spec.SrSpecParser;
import dev.atelier.trainers.spec.SrTrialSpec;
import dev.atelier.trainers.tracking.MlflowListener;
import dev.atelier.trainers.tracking.MlflowRun;
import dev.atelier.trainers.tracking.StopWatcher;
import dev.atelier.trainers.train.ProgressReporter;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingListener;
import dev.atelier.trainers.train.TrainingResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The trainer CLI for an {@code srgan4x} spec: the same contract as the GAN trials' {@code
 * TrialRunner} (exit codes, {@code result.json} on every path, MLflow params, metrics, samples,
 * checkpoint upload and end status), around {@link SrTraining}.
 */
public final class SrTrialRunner {
  private final PrintStream out;
  private final PrintStream err;
  private final TrialReporting report;
  private final StopSignal stop;
  private final boolean terminal;

  public SrTrialRunner(PrintStream out, PrintStream err, StopSignal stop, boolean terminal) {
    this.out = out;
    this.err = err;
    this.report = new TrialReporting(err);
    this.stop = stop;
    this.terminal = terminal;
  }

  public int run(Path specFile) {
    SrParsedSpec parsed = SrSpecParser.parseFile(specFile);
    parsed.warnings().forEach(w -> err.println("warning: " + w));
    if (parsed.spec().isEmpty()) {
      err.println("bad spec " + specFile + ":");
      parsed.violations().forEach(v -> err.println("  " + v));
      Outcome o =
          new Outcome(ExitStatus.BAD_SPEC, String.join("; ", parsed.violations()), 0, Map.of());
      parsed.outputDir().ifPresent(dir -> report.writeResult(o, dir));
      parsed.mlflow().filter(m -> m.runId().isPresent()).ifPresent(m -> report.markRun(m, o));
      return ExitStatus.BAD_SPEC.code();
    }
    return train(parsed.spec().get());
  }

  private int train(SrTrialSpec spec) {
    Outcome outcome;
    MlflowRun run = null;
    try {
      Files.createDirectories(spec.outputDir());
      if (spec.mlflow().isPresent()) {
        run = report.open(spec.mlflow().get(), spec.trialId(), spec.outputDir());
        out.println("mlflow run " + run.runId() + " at " + spec.mlflow().get().trackingUri());
      }
      try (StopWatcher watcher = StopWatcher.watch(Optional.ofNullable(run), stop, err)) {
        outcome = trainLoaded(spec, Optional.ofNullable(run));
      }
    } catch (TrialReporting.RunNotFound e) {
      err.println(e.getMessage());
      outcome = new Outcome(ExitStatus.BAD_SPEC, e.getMessage(), 0, Map.of());
    } catch (Exception | OutOfMemoryError e) {
      e.printStackTrace(err);
      outcome = new Outcome(ExitStatus.FAILED, "unexpected error: " + e, 0, Map.of());
    }
    report.writeResult(outcome, spec.outputDir());
    if (run != null) {
      outcome = report.end(run, outcome, stop::deadline);
      report.writeResult(outcome, spec.outputDir());
    } else if (spec.mlflow().flatMap(MlflowSpec::runId).isPresent()) {
      report.markRun(spec.mlflow().get(), outcome);
    }
    (outcome.status() == ExitStatus.SUCCEEDED ? out : err)
        .println(outcome.status() + " (exit " + outcome.status().code() + "): " + outcome.reason());
    return outcome.status().code();
  }

  private Outcome trainLoaded(SrTrialSpec spec, Optional<MlflowRun> run) throws IOException {
    long t0 = System.nanoTime();
    ImageDataset data =
        ImageFolderLoader.load(
            spec.dataset().path(),
            spec.dataset().imageSize(),
            spec.dataset().background(),
            spec.dataset().exclude());
    out.printf(
        "dataset: %d images (%d unreadable, skipped; %d excluded) from %s in %.1f s%n",
        data.count(),
        data.skipped(),
        data.excluded(),
        spec.dataset().path(),
        (System.nanoTime() - t0) / 1e9);
    if (data.count() == 0) {
      String reason =
          "dataset.path: '"
              + spec.dataset().path()
              + "' holds no readable images ("
              + data.skipped()
              + " files could not be decoded"
              + (data.excluded() == 0
                  ? ""
                  : ", " + data.excluded() + " left out by dataset.exclude_file")
              + ")";
      err.println(reason);
      return new Outcome(ExitStatus.BAD_SPEC, reason, 0, Map.of());
    }
    SrProbe.Split split = SrProbe.split(data, spec.probe());
    out.printf(
        "srgan4x: %dx%d -> %dx%d, %d training images, %d probe images (%s)%n",
        spec.lowResSize(),
        spec.lowResSize(),
        spec.dataset().imageSize(),
        spec.dataset().imageSize(),
        split.train().count(),
        split.probe().count,
        split.heldOut() ? "held out" : "also trained on: fewer than 4x as many images");
    Optional<SrQuality> quality;
    try {
      quality = SrQuality.open(spec.quality(), split.probe());
    } catch (IOException | IllegalArgumentException e) {
      // A file that is not TorchScript, or metadata breaking a rule: the spec's mistake.
      err.println(e.getMessage());
      return new Outcome(ExitStatus.BAD_SPEC, e.getMessage(), 0, Map.of());
    }
    try {
      return trainWith(spec, data, split, quality, run);
    } finally {
      quality.ifPresent(SrQuality::close);
    }
  }

  private Outcome trainWith(
      SrTrialSpec spec,
      ImageDataset data,
      SrProbe.Split split,
      Optional<SrQuality> quality,
      Optional<MlflowRun> run)
      throws IOException {
    if (spec.quality().enabled() && quality.isEmpty()) {
      err.println(
          "warning: quality: the probe has "
              + split.probe().count
              + " image; FD and KID need at least 2 and are skipped");
    }
    run.ifPresent(r -> r.logParams(params(spec, data, split)));
    ProgressReporter progress =
        new ProgressReporter(
            spec.outputDir(),
            spec.hyperparams().steps(),
            spec.hyperparams().batchSize(),
            out,
            terminal);
    TrainingListener listener =
        run.<TrainingListener>map(r -> TrainingListener.all(progress, new MlflowListener(r)))
            .orElse(progress);
    TrainingResult r;
    try {
      // loss_content, loss_adv, ... reach MLflow as the step metrics' extras (MlflowListener).
      r = SrTraining.run(spec, split, quality, listener, SrTraining.Extras.NONE, stop);
    } finally {
      progress.finishLine();
    }
    progress.write(r.lastStep(), r.metrics().getOrDefault("images_per_sec", 0.0));
    ExitStatus status =
        switch (r.ending()) {
          case COMPLETED -> ExitStatus.SUCCEEDED;
          case DIVERGED -> ExitStatus.DIVERGED;
          case INTERRUPTED -> ExitStatus.INTERRUPTED;
          case PRUNED -> ExitStatus.PRUNED;
        };
    return new Outcome(status, r.reason(), r.lastStep(), r.metrics());
  }

  static Map<String, String> params(SrTrialSpec spec, ImageDataset data, SrProbe.Split split) {
    Map<String, String> p = new LinkedHashMap<>();
    spec.hyperparams().asSpecMap().forEach((k, v) -> p.put(k, TrialReporting.plain(v)));
    p.put("model", SrTrialSpec.MODEL);
    p.put("image_size", Integer.toString(spec.dataset().imageSize()));
    p.put("input_size", Integer.toString(spec.lowResSize()));
    p.put("seed", Long.toString(spec.seed()));
    p.put("probe_seed", Long.toString(spec.probe().seed()));
    p.put("probe_count", Integer.toString(split.probe().count));
    p.put("probe_held_out", Boolean.toString(split.heldOut()));
    p.put("sample_every", Integer.toString(spec.sampleEvery()));
    p.put("checkpoint_every", Integer.toString(spec.checkpointEvery()));
    p.put("keep_last", Integer.toString(spec.keepLast()));
    p.put("keep_best_by", spec.keepBestBy());
    p.put("quality", spec.quality().enabled() ? "on" : "off");
    if (spec.quality().enabled()) {
      p.put("quality_every", Integer.toString(spec.quality().every()));
      p.put("quality_features", spec.quality().space());
      spec.quality()
          .extractor()
          .ifPresent(x -> p.put("quality_extractor_path", x.path().toString()));
    }
    p.put("augment_mirror", Boolean.toString(spec.mirror()));
    spec.contentFeatures()
        .ifPresent(
            f -> {
              p.put("content_features_path", f.path().toString());
              p.put("content_features_weight", TrialReporting.plain(f.weight()));
              p.put("content_features_input_range", f.range().spec());
            });
    p.put("dataset_path", spec.dataset().path().toString());
    p.put("dataset_size", Integer.toString(data.count()));
    p.put("dataset_skipped", Integer.toString(data.skipped()));
    p.put("dataset_excluded", Integer.toString(data.excluded()));
    return p;
  }
}
