# Sourced by bench/run.sh, gan.sh and torch_parity.sh: sets PYTHON to an interpreter with PyTorch,
# installing bench/requirements.txt into $ATELIER_DIR/bench-venv once (a large download).
# BENCH_PYTHON=/path/to/python uses an interpreter that has torch already.
# Needs ROOT, ATELIER_DIR and say (scripts/setup.sh) set.
BENCH_VENV=$ATELIER_DIR/bench-venv
PYTHON=${BENCH_PYTHON:-$BENCH_VENV/bin/python}
if [ -z "${BENCH_PYTHON:-}" ] && ! cmp -s "$ROOT/bench/requirements.txt" "$BENCH_VENV/.requirements"; then
  say "installing PyTorch into $BENCH_VENV (once; a large download)"
  [ -x "$BENCH_VENV/bin/python" ] || python3 -m venv "$BENCH_VENV"
  "$BENCH_VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/bench/requirements.txt"
  cp "$ROOT/bench/requirements.txt" "$BENCH_VENV/.requirements"
fi
