package dev.atelier.trainers;

import ai.djl.Device;
import dev.atelier.trainers.data.ImageDataset;
import dev.atelier.trainers.data.ImageFolderLoader;
import dev.atelier.trainers.quality.QualityHook;
import dev.atelier.trainers.spec.BadSpecException;
import dev.atelier.trainers.spec.MlflowSpec;
import dev.atelier.trainers.spec.ParsedSpec;
import dev.atelier.trainers.spec.SpecParser;
import dev.atelier.trainers.spec.SrSpecParser;
import dev.atelier.trainers.spec.TrialSpec;
import dev.atelier.trainers.sr.SrTrialRunner;
import dev.atelier.trainers.tracking.MlflowListener;
import dev.atelier.trainers.tracking.MlflowRun;
import dev.atelier.trainers.tracking.OutputDirArtifacts;
import dev.atelier.trainers.tracking.StopWatcher;
import dev.atelier.trainers.train.GanTraining;
import dev.atelier.trainers.train.InitFrom;
import dev.atelier.trainers.train.InputLayoutException;
import dev.atelier.trainers.train.ProbeLatents;
import dev.atelier.trainers.train.ProgressReporter;
import dev.atelier.trainers.train.SampleHook;
import dev.atelier.trainers.train.StopSignal;
import dev.atelier.trainers.train.TrainingDevice;
import dev.atelier.trainers.train.TrainingListener;
import dev.atelier.trainers.train.TrainingResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The trainer CLI as a function: spec file in, exit code out, with result.json and the MLflow run
 * left in a state that says the same thing on every path.
 */
public final class TrialRunner {
  private final PrintStream out;
  private final PrintStream err;
  private final TrialReporting report;
  private final StopSignal stop;
  private final Function<TrialSpec, SampleHook> hooks;
  private final boolean terminal;

  public TrialRunner(PrintStream out, PrintStream err, StopSignal stop) {
    this(out, err, stop, spec -> SampleHook.NONE);
  }

  public TrialRunner(
      PrintStream out, PrintStream err, StopSignal stop, Function<TrialSpec, SampleHook> hooks) {
    this(out, err, stop, hooks, false);
  }

  /**
   * @param hooks makes extra {@link SampleHook}s from the spec, beside the spec's own quality
   *     measurement ({@link QualityHook}); their metrics and artifacts are logged at every sample
   *     step
   * @param terminal whether {@code out} is a terminal: progress is then one line redrawn in place
   */
  public TrialRunner(
      PrintStream out,
      PrintStream err,
      StopSignal stop,
      Function<TrialSpec, SampleHook> hooks,
      boolean terminal) {
    this.out = out;
    this.err = err;
    this.report = new TrialReporting(err);
    this.stop = stop;
    this.hooks = hooks;
    this.terminal = terminal;
  }

  public int run(Path specFile) {
    if (SrSpecParser.declaresSr(specFile)) {
      return new SrTrialRunner(out, err, stop, terminal).run(specFile);
    }
    ParsedSpec parsed = SpecParser.parseFile(specFile);
    parsed.warnings().forEach(w -> err.println("warning: " + w));
    if (parsed.spec().isEmpty()) {
      return badSpec(specFile, parsed);
    }
    return train(parsed.spec().get());
  }

  private int badSpec(Path specFile, ParsedSpec parsed) {
    err.println("bad spec " + specFile + ":");
    parsed.violations().forEach(v -> err.println("  " + v));
    String reason = String.join("; ", parsed.violations());
    Outcome outcome = new Outcome(ExitStatus.BAD_SPEC, reason, 0, Map.of());
    parsed.outputDir().ifPresent(dir -> report.writeResult(outcome, dir));
    parsed.mlflow().filter(m -> m.runId().isPresent()).ifPresent(m -> report.markRun(m, outcome));
    return ExitStatus.BAD_SPEC.code();
  }

  private int train(TrialSpec spec) {
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
    } catch (InputLayoutException e) {
      // A precise message says it all; a stack trace would bury it.
      outcome = new Outcome(ExitStatus.FAILED, e.getMessage(), 0, Map.of());
    } catch (Exception | OutOfMemoryError e) {
      e.printStackTrace(err);
      outcome = new Outcome(ExitStatus.FAILED, "unexpected error: " + e, 0, Map.of());
    }
    // Written before the uploads too: if a stop signal's grace period runs out while they are
    // under way, the launcher still finds out how the trial ended.
    report.writeResult(outcome, spec.outputDir());
    if (run != null) {
      Outcome tracked = report.end(run, outcome, stop::deadline);
      if (tracked != outcome) {
        outcome = tracked;
        report.writeResult(outcome, spec.outputDir());
      }
    } else if (spec.mlflow().flatMap(MlflowSpec::runId).isPresent()) {
      report.markRun(spec.mlflow().get(), outcome);
    }
    (outcome.status() == ExitStatus.SUCCEEDED ? out : err)
        .println(outcome.status() + " (exit " + outcome.status().code() + "): " + outcome.reason());
    return outcome.status().code();
  }

  private Outcome trainLoaded(TrialSpec spec, Optional<MlflowRun> run) throws IOException {
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
    QualityHook quality;
    try {
      long q0 = System.nanoTime();
      quality = QualityHook.open(spec, data);
      if (quality.active()) {
        // With a large extractor on a CPU this can take minutes: say what the wait was.
        out.printf(
            "quality: %s features of the %d real images in %.1f s%n",
            spec.quality().space(), data.count(), (System.nanoTime() - q0) / 1e9);
      }
    } catch (IOException | IllegalArgumentException e) {
      // A file that is not TorchScript, or metadata breaking a rule: the spec's mistake.
      err.println(e.getMessage());
      return new Outcome(ExitStatus.BAD_SPEC, e.getMessage(), 0, Map.of());
    }
    try (quality) {
      return trainWith(spec, data, run, quality);
    }
  }

  private Outcome trainWith(
      TrialSpec spec, ImageDataset data, Optional<MlflowRun> run, QualityHook quality)
      throws IOException {
    if (spec.quality().enabled() && !quality.active()) {
      err.println(
          "warning: quality: the data set has "
              + data.count()
              + " image; quality metrics need at least 2 and are skipped");
    }
    OptionalInt initStep;
    try {
      initStep = InitFrom.step(spec, data);
    } catch (BadSpecException e) {
      e.violations().forEach(v -> err.println("  " + v));
      return new Outcome(ExitStatus.BAD_SPEC, e.getMessage(), 0, Map.of());
    }
    Map<String, String> params = params(spec, data);
    initStep.ifPresent(s -> params.put("init_from_step", Integer.toString(s)));
    run.ifPresent(r -> r.logParams(params));
    ProgressReporter progress =
        new ProgressReporter(
            spec.outputDir(),
            spec.hyperparams().steps(),
            spec.hyperparams().batchSize(),
            out,
            terminal);
    TrainingListener local =
        TrainingListener.all(progress, new OutputDirArtifacts(spec.outputDir()));
    TrainingListener listener =
        run.<TrainingListener>map(r -> TrainingListener.all(local, new MlflowListener(r)))
            .orElse(local);
    TrainingResult r;
    try {
      // quality.background (the default): measured on a second thread while training goes on.
      r =
          spec.quality().background()
              ? GanTraining.run(spec, data, listener, stop, hooks.apply(spec), quality)
              : GanTraining.run(
                  spec, data, listener, stop, SampleHook.all(List.of(quality, hooks.apply(spec))));
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

  private static Map<String, String> params(TrialSpec spec, ImageDataset data) {
    Map<String, String> p = new LinkedHashMap<>();
    spec.hyperparams().asSpecMap().forEach((k, v) -> p.put(k, TrialReporting.plain(v)));
    p.put("model", spec.model().specName());
    p.put("image_size", Integer.toString(spec.dataset().imageSize()));
    Device device = TrainingDevice.get();
    p.put("device", device.isGpu() ? "gpu" + device.getDeviceId() : "cpu");
    p.put("seed", Long.toString(spec.seed()));
    p.put("probe_seed", Long.toString(spec.probe().seed()));
    // What makes two runs' grids comparable: the compare page checks these match.
    p.put("probe_count", Integer.toString(spec.probe().count()));
    p.put("probe_scheme", ProbeLatents.SCHEME);
    p.put("sample_every", Integer.toString(spec.sampleEvery()));
    p.put("checkpoint_every", Integer.toString(spec.checkpoints().every()));
    p.put("keep_last", Integer.toString(spec.checkpoints().keepLast()));
    p.put("keep_best_by", spec.checkpoints().keepBestBy());
    p.put("quality", spec.quality().enabled() ? "on" : "off");
    if (spec.quality().enabled()) {
      p.put("quality_every", Integer.toString(spec.quality().every()));
      p.put("quality_features", spec.quality().space());
      p.put("quality_samples", Integer.toString(spec.quality().options().samples()));
      spec.quality()
          .extractor()
          .ifPresent(x -> p.put("quality_extractor_path", x.path().toString()));
    }
    p.put("augment_mirror", Boolean.toString(spec.augment().mirror()));
    p.put(
        "augment_diffaug",
        spec.augment().diffaug().isEmpty()
            ? "none"
            : String.join(",", spec.augment().diffaug().stream().map(a -> a.specName()).toList()));
    p.put(
        "augment_ada",
        spec.augment()
            .ada()
            .map(
                a ->
                    a.asSpecMap().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(",")))
            .orElse("off"));
    p.put("dataset_path", spec.dataset().path().toString());
    p.put("dataset_size", Integer.toString(data.count()));
    p.put("dataset_skipped", Integer.toString(data.skipped()));
    p.put("dataset_excluded", Integer.toString(data.excluded()));
    if (spec.model().conditional()) {
      p.put("num_classes", Integer.toString(data.numClasses()));
      p.put("class_names", classNames(data.classNames()));
    }
    spec.progressive()
        .ifPresent(g -> g.asSpecMap().forEach((k, v) -> p.put(k, TrialReporting.plain(v))));
    return p;
  }

  /**
   * Comma-separated, cut to fit MLflow's 500-character limit on param values (older servers'),
   * saying how many were left out; checkpoint.json has them all.
   */
  static String classNames(List<String> names) {
    String all = String.join(",", names);
    if (all.length() <= 500) {
      return all;
    }
    StringBuilder b = new StringBuilder();
    int shown = 0;
    while (b.length() + names.get(shown).length() + 25 <= 500) {
      b.append(names.get(shown)).append(',');
      shown++;
    }
    return b + "... (" + (names.size() - shown) + " more)";
  }
}
