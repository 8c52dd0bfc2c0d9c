# Loaded by the fuzz tests' schemathesis runs (SCHEMATHESIS_HOOKS=schemathesis_hooks, see
# Schemathesis.java). Schemathesis asks Hypothesis to maximize each operation's share of accepted
# requests (hypothesis.target); Hypothesis's targeting phase then hill-climbs, and for some
# operations and seeds spends minutes of CPU on one operation (two of the three minutes the /api/v2
# fuzz took). Without targets that phase does nothing: the cases are the generated ones only.
import hypothesis


def _no_target(observation, *, label=""):
    return observation


hypothesis.target = _no_target
