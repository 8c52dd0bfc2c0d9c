"""Optuna's samplers on the benchmark functions, written like SamplerBench.java's output.

One JSON line per (function, sampler, seed): best-so-far regret after every evaluation (judged on
the noiseless value for the noisy function) and the time of every ask in milliseconds.
"""

import json
import math
import sys
import time
import warnings

import numpy as np
import optuna

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.WARNING)

ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8],
     [17, 8, 0.05, 10, 0.1, 14]]
P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
     [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def branin(x):
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


def hartmann6(x):
    return -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j] * 1e-4) ** 2 for j in range(6)))
                for i in range(4))


def run(fn, sampler_name, seed, evals):
    if fn == "hartmann6":
        space = {f"x{i}": optuna.distributions.FloatDistribution(0, 1) for i in range(6)}
    else:
        space = {"x0": optuna.distributions.FloatDistribution(-5, 10),
                 "x1": optuna.distributions.FloatDistribution(0, 15)}
    if sampler_name == "random":
        sampler = optuna.samplers.RandomSampler(seed=seed)
    else:
        sampler = optuna.samplers.TPESampler(
            n_startup_trials=10, n_ei_candidates=24, seed=seed,
            multivariate=sampler_name == "tpe_multivariate", constant_liar=True)
    study = optuna.create_study(sampler=sampler)
    noise = np.random.RandomState(1000 + seed)
    optimum = -3.32237 if fn == "hartmann6" else 0.397887
    best_seen, best_true = math.inf, math.inf
    regrets, times = [], []
    for _ in range(evals):
        t0 = time.perf_counter()
        trial = study.ask(space)
        times.append((time.perf_counter() - t0) * 1000)
        x = [trial.params[f"x{j}"] for j in range(len(space))]
        truth = hartmann6(x) if fn == "hartmann6" else branin(x)
        seen = truth + noise.normal() if fn.startswith("noisy") else truth
        study.tell(trial, seen)
        if seen < best_seen:
            best_seen, best_true = seen, truth
        regrets.append(best_true - optimum)
    return {"side": "optuna", "function": fn, "sampler": sampler_name, "seed": seed,
            "regret": regrets, "ask_ms": [round(t, 4) for t in times]}


def main():
    out, seeds, evals = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(out, "w") as f:
        for fn in ["branin", "hartmann6", "noisy_branin"]:
            for s in ["random", "tpe_multivariate", "tpe_univariate"]:
                for seed in range(seeds):
                    f.write(json.dumps(run(fn, s, seed, evals)) + "\n")
                print(f"optuna {fn} {s} done", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
