"""Optuna's answers for the report sequences of SuccessiveHalvingTest and HyperbandTest.

Run with the project venv after `pip install optuna`:
    python optuna_check.py
Each line: trial, step, value, Optuna's should_prune. The Java tests pin the same answers.
"""
import optuna
from optuna.pruners import SuccessiveHalvingPruner
from optuna.trial import TrialState

optuna.logging.set_verbosity(optuna.logging.WARNING)

# (trial, step, value) in the order the sweep sees the reports.
REPORTS = [
    (0, 100, 5.0), (1, 100, 7.0), (2, 100, 4.0), (3, 100, 6.0), (4, 100, 3.0),
    (5, 100, 4.5), (2, 300, 3.5), (0, 300, 2.0), (4, 300, 2.5), (6, 100, 4.0),
]


def run(direction, sign):
    study = optuna.create_study(
        direction=direction,
        pruner=SuccessiveHalvingPruner(min_resource=100, reduction_factor=3),
    )
    trials = {}
    for number, step, value in REPORTS:
        while number not in trials:
            t = study.ask()
            trials[t.number] = t
        t = trials[number]
        t.report(sign * value, step)
        pruned = t.should_prune()
        print(direction, number, step, sign * value, pruned)
        if pruned:
            study.tell(t, state=TrialState.PRUNED)


run("minimize", 1.0)
run("maximize", -1.0)

# Hyperband's brackets and Optuna's split of trials between them (HyperbandTest pins the same).
for lo, hi, eta in [(100, 900, 3), (100, 1000, 3), (10, 1000, 2)]:
    hb = optuna.pruners.HyperbandPruner(min_resource=lo, max_resource=hi, reduction_factor=eta)
    hb._try_initialization(optuna.create_study())
    print("hyperband", lo, hi, eta, hb._n_brackets, hb._trial_allocation_budgets)
