"""Optuna's cost for the decisions DecisionCostBench.java times, on the same simulated sweep.

A sweep of N trials, 3 at a time, each reporting up to 10 evaluations in turn (round robin over the
running ones); a trial that ends or is pruned frees its slot, which the next ask fills. Optuna's
work per report is `trial.report` + `trial.should_prune` (SuccessiveHalvingPruner, min_resource
100, reduction_factor 3); per ask, `study.ask` with TPESampler(multivariate=True,
constant_liar=True), both on the default in-memory storage. One JSON line per (N, seed), times in
ms. Usage: optuna_overhead.py out.jsonl seeds 25,50,100
"""

import json
import math
import sys
import time
import warnings

import optuna

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.WARNING)

PARALLEL = 3
EVERY = 100
STEPS = 1000
SPACE = {
    "lr": optuna.distributions.FloatDistribution(1e-5, 1e-2, log=True),
    "beta1": optuna.distributions.FloatDistribution(0.0, 0.9),
    "latent": optuna.distributions.IntDistribution(64, 256),
    "loss": optuna.distributions.CategoricalDistribution(["bce", "hinge"]),
}


def objective(p, step):
    """SweepSim.metrics' objective: converges to a value set by the hyperparameters."""
    base = (abs(math.log10(p["lr"]) + 3.5) * 10 + 2 * p["beta1"] + abs(p["latent"] - 128) / 64
            + (0.5 if p["loss"] == "hinge" else 0.0))
    return base + 100.0 / step


def run(n, seed):
    study = optuna.create_study(
        direction="minimize",
        sampler=optuna.samplers.TPESampler(
            n_startup_trials=10, n_ei_candidates=24, multivariate=True, constant_liar=True,
            seed=seed),
        pruner=optuna.pruners.SuccessiveHalvingPruner(min_resource=100, reduction_factor=3))
    started = 0
    active = []  # [trial, evaluations so far]
    report_ms, ask_ms = [], []
    pruned = 0

    def fill():
        nonlocal started
        while len(active) < PARALLEL and started < n:
            t0 = time.perf_counter()
            trial = study.ask(SPACE)
            ask_ms.append((time.perf_counter() - t0) * 1000)
            active.append([trial, 0])
            started += 1

    fill()
    while active:
        for entry in list(active):
            trial = entry[0]
            entry[1] += 1
            step = entry[1] * EVERY
            value = objective(trial.params, step)
            t0 = time.perf_counter()
            trial.report(value, step)
            prune = trial.should_prune()
            report_ms.append((time.perf_counter() - t0) * 1000)
            if prune or step >= STEPS:
                if prune:
                    study.tell(trial, state=optuna.trial.TrialState.PRUNED)
                    pruned += 1
                else:
                    study.tell(trial, value)
                active.remove(entry)
                fill()
    return {"side": "optuna", "trials": n, "seed": seed, "pruned": pruned,
            "report_ms": [round(t, 4) for t in report_ms], "ask_ms": [round(t, 4) for t in ask_ms]}


def main():
    out, seeds = sys.argv[1], int(sys.argv[2])
    sizes = [int(n) for n in sys.argv[3].split(",")]
    run(25, 1000)  # imports and first calls, not recorded
    with open(out, "w") as f:
        for n in sizes:
            for seed in range(seeds):
                f.write(json.dumps(run(n, seed)) + "\n")
            print(f"optuna N={n} done", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
