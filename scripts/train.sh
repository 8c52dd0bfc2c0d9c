# ./atelier train SPEC.json: the trainer CLI, exactly as a Kubernetes Job or the local launcher
# runs it (java -cp <trainer classpath> dev.atelier.trainers.TrainerMain SPEC.json).
# ./atelier upscale ARGS: the same classpath, dev.atelier.trainers.UpscaleMain.

# trainer_command [MAIN_CLASS]: the java command line of a trainer entry point (default TrainerMain).
trainer_command() {
  local main=${1:-dev.atelier.trainers.TrainerMain}
  local cp="$ROOT/trainers/target/classpath.txt"
  local jar="$ROOT/trainers/target/atelier-trainers-0.1.0-SNAPSHOT.jar"
  # (Re)build when the jar is missing or older than the trainer's sources: never run stale code.
  if [ ! -f "$cp" ] || [ ! -f "$jar" ] ||
    [ -n "$(find "$ROOT/trainers/src/main" "$ROOT/trainers/pom.xml" -newer "$jar" -print -quit)" ]; then
    setup_maven
    say "building the trainer"
    "$MVN" -B -q -ntp install -DskipTests -pl trainers -am >/dev/null
  fi
  echo java -XX:+UseSerialGC -cp "$ROOT/trainers/target/atelier-trainers-0.1.0-SNAPSHOT.jar:$(cat "$cp")" \
    "$main"
}

# jemalloc keeping freed pages, as the local launcher's TrainerAllocator does (bench/README.md),
# except for an r3gan spec (TrainerAllocator.GLIBC_MODELS: its memory keeps growing under it).
# trainer_allocator [SPEC.json]
trainer_allocator() {
  [ "${ATELIER_TRAINER_ALLOCATOR:-}" = glibc ] && return 0
  local spec=${1:-}
  case $spec in '' | /*) ;; *) spec="${CALLER_DIR:-$ROOT}/$spec" ;; esac
  if [ -f "$spec" ] && grep -Eq '"model"[[:space:]]*:[[:space:]]*"r3gan"' "$spec"; then
    return 0
  fi
  local lib
  for lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 \
    /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
    if [ -f "$lib" ]; then
      export LD_PRELOAD="$lib" MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1
      return 0
    fi
  done
}

run_train() {
  trainer_allocator "${1:-}"
  export DJL_OFFLINE=true OPT_OUT_TRACKING=true
  export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl}
  local cmd
  cmd=$(trainer_command)
  cd "${CALLER_DIR:-$ROOT}" # a relative SPEC.json means the caller's folder
  # shellcheck disable=SC2086
  exec $cmd "$@"
}

# ./atelier walk CHECKPOINT_DIR [--out DIR] [--frames N] ...: a latent walk from a saved checkpoint,
# run from the caller's folder so relative paths mean what they meant there.
run_walk() {
  trainer_allocator
  export DJL_OFFLINE=true OPT_OUT_TRACKING=true
  export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl}
  local cmd
  cmd=$(trainer_command dev.atelier.trainers.WalkMain)
  cd "${CALLER_DIR:-$ROOT}"
  # shellcheck disable=SC2086
  exec $cmd "$@"
}

run_upscale() {
  trainer_allocator
  export DJL_OFFLINE=true OPT_OUT_TRACKING=true
  export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$ATELIER_DIR/djl}
  local cmd
  cmd=$(trainer_command dev.atelier.trainers.UpscaleMain)
  cd "${CALLER_DIR:-$ROOT}"
  # shellcheck disable=SC2086
  exec $cmd "$@"
}
