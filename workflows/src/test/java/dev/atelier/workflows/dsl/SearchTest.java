package dev.atelier.workflows.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.workflows.search.AlgorithmSpec;
import dev.atelier.workflows.search.BudgetSpec;
import dev.atelier.workflows.search.Direction;
import dev.atelier.workflows.search.EarlyStoppingSpec;
import dev.atelier.workflows.search.Objective;
import dev.atelier.workflows.search.ParamSpec;
import dev.atelier.workflows.search.PbtSpec;
import dev.atelier.workflows.search.SearchSpec;
import dev.atelier.workflows.search.StopRuleSpec;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A searching sweep in the DSL: what {@code Search} builds, how it travels in the Dag's JSON form,
 * and every mistake in it named at once when the Dag is built.
 */
class SearchTest {
  static final Map<String, Object> PARTIAL =
      Kwargs.of("model", "dcgan32", "steps", 1200, "batch_size", 64);

  static SearchSpec demo() {
    return Search.space()
        .logUniform("lr", 5e-5, 5e-4)
        .uniform("beta1", 0.0, 0.9)
        .categorical("latent_dim", 32, 64, 128)
        .integer("g_width", 32, 128, 32)
        .quantized("ema_decay", 0.99, 0.999, 0.001)
        .categorical("loss", "bce", "hinge")
        .logUniform("r1_gamma", 0.01, 10)
        .when("loss", "bce")
        .objective("fd_rgb8", "min")
        .tpe(8, 24, true, true)
        .budget(24, 2)
        .maxTrialSteps(12000)
        .asha(200, 3)
        .stopOnDivergence(1e-4, 2)
        .stopOnModeCollapse(0.5, 2)
        .seed(7)
        .build();
  }

  static TaskSpec train(SearchSpec search) {
    DagBuilder b = Dag.builder("emoji_search");
    b.add(TrainOperator.partial("train", PARTIAL).search(search));
    return b.build().toSpec().task("train").orElseThrow();
  }

  static List<String> violations(Map<String, Object> partial, SearchSpec search) {
    DagBuilder b = Dag.builder("broken");
    b.add(TrainOperator.partial("train", partial).search(search));
    return assertThrows(DagValidationException.class, b::build).violations();
  }

  @Test
  void theSearchIsTheTasksAndItsRungsEndAtTheTrialsSteps() {
    TaskSpec train = train(demo());
    SearchSpec s = train.search();
    assertTrue(train.mapped(), "a searching task's trials are map indexes");
    assertEquals(Map.of(), train.expand());
    assertEquals(
        List.of("lr", "beta1", "latent_dim", "g_width", "ema_decay", "loss", "r1_gamma"),
        s.space().stream().map(ParamSpec::name).toList());
    assertEquals(
        new ParamSpec(
            "r1_gamma", "log_uniform", 0.01, 10.0, null, false, null, "loss", List.of("bce")),
        s.space().get(6));
    assertEquals(new Objective("fd_rgb8", Direction.MINIMIZE, true), s.objective());
    assertEquals(new AlgorithmSpec("tpe", 8, 24, true, true), s.algorithm());
    assertEquals(new BudgetSpec(24, 2, 12000, 0), s.budget());
    assertEquals(new EarlyStoppingSpec("asha", 200, 3, 1200, 0), s.earlyStopping());
    assertEquals(
        List.of(new StopRuleSpec("divergence", 1e-4, 2), new StopRuleSpec("mode_collapse", 0.5, 2)),
        s.stopRules());
    assertEquals(7, s.seed());
  }

  @Test
  void theSearchSurvivesJacksonAndTemporalsConverterUnchanged() throws Exception {
    DagBuilder b = Dag.builder("emoji_search");
    b.add(TrainOperator.partial("train", PARTIAL).search(demo()));
    DagSpec spec = b.build().toSpec();
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(spec);
    assertTrue(
        json.contains("\"search\":{\"space\":[{\"name\":\"lr\",\"kind\":\"log_uniform\""), json);
    assertEquals(spec, mapper.readValue(json, DagSpec.class));
    var converter = DefaultDataConverter.newDefaultInstance();
    assertEquals(
        spec, converter.fromPayloads(0, converter.toPayloads(spec), DagSpec.class, DagSpec.class));
  }

  @Test
  void aFixedSweepHasNoSearch() {
    DagBuilder b = Dag.builder("fixed");
    b.add(TrainOperator.partial("train", PARTIAL).expand(Kwargs.of("lr", List.of(1e-4))));
    assertNull(b.build().toSpec().task("train").orElseThrow().search());
  }

  @Test
  void gridRandomPbtAndHyperbandBuild() {
    train(
        Search.space()
            .categorical("loss", "bce", "hinge")
            .integer("g_width", 32, 64, 32)
            .objective("kid_inception", "min", "last")
            .grid()
            .budget(4, 4)
            .hyperband(100, 3, 0)
            .build());
    SearchSpec pbt =
        train(
                Search.space()
                    .logUniform("lr", 1e-5, 1e-3)
                    .uniform("beta1", 0.0, 0.9)
                    .objective("psnr", "max")
                    .random()
                    .budget(16, 4)
                    .pbt(4, 200, 0.25, List.of(0.8, 1.2), 0.25)
                    .build())
            .search();
    assertEquals(
        new PbtSpec(4, 200, 0.25, List.of(0.8, 1.2), 0.25, List.of("lr", "beta1")), pbt.pbt());
  }

  @Test
  void everyMistakeInASearchIsNamedAtOnce() {
    SearchSpec bad =
        Search.space()
            .logUniform("lr", 1e-3, 1e-4)
            .logUniform("r1_gamma", 0, 10)
            .when("penalty", "r1")
            .uniform("beta1", 0.0, 0.9)
            .integer("g_width", 32, 128, 30)
            .quantized("ema_decay", 0.99, 0.999, 0)
            .categorical("loss")
            .categorical("latent_dim", 32, 64, 64)
            .uniform("lr2", 0, 1)
            .uniform("gpus", 0, 1)
            .integer("batch_size", 32, 128, 32)
            .uniform("beta1", 0.1, 0.5)
            .uniform("gp_weight", 1, 10)
            .when("d_width", 64)
            .integer("d_width", 32, 64, 32)
            .categorical("content_loss", "l1", "vgg")
            .uniform("adversarial_weight", 0.001, 0.01)
            .when("content_loss", "l2")
            .objective("fid", "min")
            .grid()
            .budget(0, 0)
            .maxTrialSteps(100)
            .asha(200, 1)
            .stopOnDivergence(2, 0)
            .stopOnModeCollapse(0, 3)
            .stopOnDOverpowering(-1, 3)
            .stopOnNoImprovement(-0.5, 3)
            .pbt(1, 1200, 0.75, List.of(0.8, -1.0), 1.5, "lr", "momentum")
            .build();
    assertEquals(
        List.of(
            "train.search: lr: low 0.001 must be below high 0.0001",
            "train.search: r1_gamma: low 0 must be above 0 on a log scale",
            "train.search: r1_gamma: depends on 'penalty', which is not a parameter of the search",
            "train.search: g_width: step 30 must divide high - low (96) into whole steps",
            "train.search: ema_decay: step 0 must be above 0",
            "train.search: loss: categorical needs at least one choice",
            "train.search: latent_dim: choice 64 is given twice",
            "train.search: lr2: not a per-trial argument of TrainOperator (a hyperparameter, a trial"
                + " field or an option object's field)",
            "train.search: gpus: applies to the whole sweep and cannot be searched; pass it to"
                + " partial()",
            "train.search: batch_size: also set in partial(); search it or set it, not both",
            "train.search: beta1: declared twice",
            "train.search: gp_weight: depends on 'd_width', which is declared after it; declare the"
                + " parent first",
            "train.search: adversarial_weight: depends on content_loss = 'l2', which is not one of"
                + " content_loss's values ['l1', 'vgg']",
            "train.search: objective: metric 'fid' is not one the trainer logs at evaluations"
                + " (diversity_rgb8, fd_diag_rgb8, fd_rgb8, kid_rgb8, loss_d, loss_g,"
                + " novelty_nn_distance_rgb8, psnr, or fd_S, kid_S, diversity_S,"
                + " novelty_nn_distance_S for a feature space S)",
            "train.search: grid: lr is continuous (log_uniform); a grid takes categorical, int and"
                + " quantized parameters",
            "train.search: grid: r1_gamma is continuous (log_uniform); a grid takes categorical,"
                + " int and quantized parameters",
            "train.search: grid: beta1 is continuous (uniform); a grid takes categorical, int and"
                + " quantized parameters",
            "train.search: grid: lr2 is continuous (uniform); a grid takes categorical, int and"
                + " quantized parameters",
            "train.search: grid: gpus is continuous (uniform); a grid takes categorical, int and"
                + " quantized parameters",
            "train.search: grid: gp_weight is continuous (uniform); a grid takes categorical, int"
                + " and quantized parameters",
            "train.search: grid: adversarial_weight is continuous (uniform); a grid takes"
                + " categorical, int and quantized parameters",
            "train.search: budget: max_trials 0 must be at least 1",
            "train.search: budget: max_parallel_trials 0 must be at least 1",
            "train.search: budget: max_trial_steps 100 is smaller than one rung (asha min_steps"
                + " 200)",
            "train.search: asha: reduction_factor 1 must be at least 2",
            "train.search: stop_on_divergence: loss_d floor 2 must be in [0, 1]",
            "train.search: stop_on_divergence: evaluations 0 must be at least 1",
            "train.search: stop_on_mode_collapse: fraction 0 must be in (0, 1]",
            "train.search: stop_on_d_overpowering: gap -1 must be above 0",
            "train.search: stop_on_no_improvement: min_delta -0.5 must be 0 or more",
            "train.search: pbt: population 1 must be at least 2",
            "train.search: pbt: quantile 0.75 must be in (0, 0.5]",
            "train.search: pbt: interval_steps 1200 must be below the trials' steps 1200",
            "train.search: pbt: perturb factor -1 must be above 0",
            "train.search: pbt: resample_probability 1.5 must be in [0, 1]",
            "train.search: pbt: mutate names 'momentum', which is not a parameter of the search"),
        violations(PARTIAL, bad));
  }

  @Test
  void rungsNeedTheTrialsLengthAndRoomBelowIt() {
    Map<String, Object> stepsFromParam =
        Kwargs.of("model", "dcgan32", "steps", ParamRef.param("steps"));
    DagBuilder b =
        Dag.builder("broken").params(Params.builder().param("steps", Param.integer(1000)).build());
    b.add(
        TrainOperator.partial("train", stepsFromParam)
            .search(
                Search.space()
                    .logUniform("lr", 1e-5, 1e-3)
                    .objective("fd_rgb8", "min")
                    .budget(8, 2)
                    .hyperband(0, 3, 0)
                    .build()));
    b.add(
        TrainOperator.partial("short", PARTIAL)
            .search(
                Search.space()
                    .logUniform("lr", 1e-5, 1e-3)
                    .objective("fd_rgb8", "min")
                    .tpe(0, 0, true, true)
                    .budget(8, 2)
                    .hyperband(2000, 3, -1)
                    .build()));
    assertEquals(
        List.of(
            "train.search: hyperband: min_steps 0 must be at least 1",
            "train.search: hyperband: max_steps is unknown (partial()'s steps is not a number) and"
                + " brackets is 0 (all that fit): give maxSteps(n) or a number of brackets",
            "short.search: tpe: startup_trials 0 must be at least 1",
            "short.search: tpe: candidates 0 must be at least 1",
            "short.search: hyperband: min_steps 2000 is above max_steps 1200: no trial would reach"
                + " the first rung",
            "short.search: hyperband: brackets -1 must be 0 (all that fit) or more"),
        assertThrows(DagValidationException.class, b::build).violations());
  }

  @Test
  void ashaNeedsNoEndAndMaxStepsCanBeGivenWhenStepsComesFromAParam() {
    DagBuilder b =
        Dag.builder("ok").params(Params.builder().param("steps", Param.integer(1000)).build());
    Search s = Search.space().logUniform("lr", 1e-5, 1e-3).objective("fd_rgb8", "min").budget(8, 2);
    Map<String, Object> partial = Kwargs.of("model", "dcgan32", "steps", ParamRef.param("steps"));
    b.add(TrainOperator.partial("asha", partial).search(s.asha(100, 3).build()));
    b.add(
        TrainOperator.partial("hb", partial).search(s.hyperband(100, 3, 0).maxSteps(900).build()));
    DagSpec spec = b.build().toSpec();
    assertEquals(0, spec.task("asha").orElseThrow().search().earlyStopping().maxSteps());
    assertEquals(900, spec.task("hb").orElseThrow().search().earlyStopping().maxSteps());
  }

  @Test
  void aSearchNeedsAnObjectiveAndParameters() {
    assertEquals(
        List.of(
            "train.search: the space has no parameters; declare at least one",
            "train.search: objective: missing; name the metric to optimise with"
                + " objective(metric, direction)",
            "train.search: budget: max_parallel_trials is also set in partial(); give it once, in"
                + " the search's budget"),
        violations(
            Kwargs.of("model", "dcgan32", "max_parallel_trials", 2),
            Search.space().budget(4, 2).build()));
  }

  /** A search's budget is held to the same maximums a trigger and a lead's controls are. */
  @Test
  void aBudgetPastThePlatformsLimitsIsRefusedNamingThem() {
    assertEquals(
        List.of(
            "train.search: budget: max_trials 257 must be at most 256",
            "train.search: budget: max_parallel_trials 33 must be at most 32"),
        violations(
            PARTIAL,
            Search.space()
                .logUniform("lr", 1e-5, 1e-3)
                .objective("fd_rgb8", "min")
                .budget(Limits.MAX_TRIALS_PER_SWEEP + 1, Limits.MAX_PARALLEL_TRIALS + 1)
                .build()));
  }
}
