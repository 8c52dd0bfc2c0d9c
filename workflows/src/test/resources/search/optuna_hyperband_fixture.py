"""Writes hyperband_optuna_fixture.csv: Optuna's HyperbandPruner decisions over a long interleaved
run, with the bracket Optuna put each trial in, for HyperbandTest to replay.

    python optuna_hyperband_fixture.py > hyperband_optuna_fixture.csv

20 trials of up to 900 steps report every 100 steps in a seeded random order; a pruned trial
reports no more. Columns: trial, bracket, step, value, pruned. min_resource 100, max_resource 900,
reduction_factor 3 (3 brackets, rungs 100/300, 300, none).
"""
import random

import optuna
from optuna.pruners import HyperbandPruner
from optuna.trial import TrialState

optuna.logging.set_verbosity(optuna.logging.WARNING)

rng = random.Random(11)
pruner = HyperbandPruner(min_resource=100, max_resource=900, reduction_factor=3)
study = optuna.create_study(study_name="hb", pruner=pruner)
quality, steps, handles, alive, started = {}, {}, {}, [], 0
while started < 20 or alive:
    if started < 20 and (len(alive) < 5 or rng.random() < 0.2):
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
    t.report(value, steps[n])
    pruned = t.should_prune()
    frozen = study._storage.get_trial(t._trial_id)
    bracket = pruner._get_bracket_id(study, frozen)
    print(f"{n},{bracket},{steps[n]},{value},{str(pruned).lower()}")
    if pruned:
        study.tell(t, state=TrialState.PRUNED)
        alive.remove(n)
    elif steps[n] == 900:
        study.tell(t, value)
        alive.remove(n)
