# ./atelier train SPEC.json: the trainer CLI, exactly as a Kubernetes Job or the local launcher
# runs it (java -cp <trainer classpath> dev.atelier.trainers.TrainerMain SPEC.json).

# trainer_command [MAIN_CLASS]: the java command line of a trainer entry point (default TrainerMain).
trainer_command() {
  local main=${1:-dev.atelier.trainers.TrainerMain}
  local cp="$ROOT/trainers/target/classpath.txt"
  if [ ! -f "$cp" ] || [ ! -f "$ROOT/trainers/target/atelier-trainers-0.1.0-SNAPSHOT.jar" ]; then
    setup_maven
    say "building the trainer"
    "$MVN" -B -q -ntp install -DskipTests -pl trainers -am >/dev/null
  fi
  echo java -XX:+UseSerialGC -cp "$ROOT/trainers/target/atelier-trainers-0.1.0-SNAPSHOT.jar:$(cat "$cp")" \
    "$main"
}

run_train() {
  export DJL_OFFLINE=true OPT_OUT_TRACKING=true
  export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl}
  local cmd
  cmd=$(trainer_command)
  cd "$CALLER_PWD" # a relative SPEC.json means the caller's folder
  # shellcheck disable=SC2086
  exec $cmd "$@"
}

# ./atelier walk CHECKPOINT_DIR [--out DIR] [--frames N] ...: a latent walk from a saved checkpoint,
# run from the caller's folder so relative paths mean what they meant there.
run_walk() {
  export DJL_OFFLINE=true OPT_OUT_TRACKING=true
  export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl}
  local cmd
  cmd=$(trainer_command dev.atelier.trainers.WalkMain)
  cd "$CALLER_PWD"
  # shellcheck disable=SC2086
  exec $cmd "$@"
}
