# Sourced by bench/run.sh, gan.sh and torch_parity.sh (after scripts/setup.sh, or at least ROOT,
# ATELIER_DIR and say set): what the PyTorch comparisons need, each installed once.

# Builds the trainer jar and its classpath.txt when missing or older than the trainer's sources.
bench_build_trainer() {
  JAR=trainers/target/atelier-trainers-0.1.0-SNAPSHOT.jar
  if [ ! -f "$ROOT/$JAR" ] || [ ! -f "$ROOT/trainers/target/classpath.txt" ] ||
    [ -n "$(find "$ROOT/trainers/src/main" "$ROOT/trainers/pom.xml" -newer "$ROOT/$JAR" -print -quit)" ]; then
    setup_maven
    say "building the trainer"
    (cd "$ROOT" && "$MVN" -B -q -ntp -pl trainers package -DskipTests >/dev/null)
  fi
}

# Sets PYTHON to an interpreter with PyTorch: BENCH_PYTHON when set (one that has torch already),
# else $ATELIER_DIR/bench-venv, installing bench/requirements.txt into it once (a large download).
bench_torch() {
  BENCH_VENV=$ATELIER_DIR/bench-venv
  PYTHON=${BENCH_PYTHON:-$BENCH_VENV/bin/python}
  if [ -z "${BENCH_PYTHON:-}" ] && ! cmp -s "$ROOT/bench/requirements.txt" "$BENCH_VENV/.requirements"; then
    say "installing PyTorch into $BENCH_VENV (once; a large download)"
    [ -x "$BENCH_VENV/bin/python" ] || python3 -m venv "$BENCH_VENV"
    "$BENCH_VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/bench/requirements.txt"
    cp "$ROOT/bench/requirements.txt" "$BENCH_VENV/.requirements"
  fi
}
