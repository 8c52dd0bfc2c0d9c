"""Writes asha_optuna_fixture.csv: Optuna's SuccessiveHalvingPruner decisions over a long
interleaved run, for SuccessiveHalvingTest to replay.

    python optuna_asha_fixture.py > asha_optuna_fixture.csv

15 trials of up to 900 steps report every 100 steps, in a seeded random order (several running at
once, as in a sweep with parallel trials); a pruned trial reports no more. Columns: direction,
trial, step, value, pruned (Optuna's answer). min_resource 100, reduction_factor 3.
"""
import random

import optuna
from optuna.pruners import SuccessiveHalvingPruner
from optuna.trial import TrialState

optuna.logging.set_verbosity(optuna.logging.WARNING)


def run(direction, sign, seed):
    rng = random.Random(seed)
    study = optuna.create_study(
        direction=direction, pruner=SuccessiveHalvingPruner(min_resource=100, reduction_factor=3)
    )
    quality = {}
    steps = {}
    handles = {}
    alive = []
    started = 0
    while started < 15 or alive:
        if started < 15 and (len(alive) < 4 or rng.random() < 0.2):
            t = study.ask()
            handles[t.number] = t
            quality[t.number] = rng.uniform(1, 10)
            steps[t.number] = 0
            alive.append(t.number)
            started += 1
            continue
        n = rng.choice(alive)
        steps[n] += 100
        value = round(quality[n] * (1 + 2.0 / (steps[n] / 100)) + rng.uniform(-1, 1), 3)
        t = handles[n]
        t.report(sign * value, steps[n])
        pruned = t.should_prune()
        print(f"{direction},{n},{steps[n]},{sign * value},{str(pruned).lower()}")
        if pruned:
            study.tell(t, state=TrialState.PRUNED)
            alive.remove(n)
        elif steps[n] == 900:
            study.tell(t, sign * value)
            alive.remove(n)


run("minimize", 1.0, 7)
run("maximize", -1.0, 8)
