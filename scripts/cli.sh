# ./atelier dags|tasks|assets|backfill|auth ...: the Airflow-style CLI (the cli module, picocli),
# a client of the running app's /api/v1 and /auth/token; `tasks test` runs a task in its own process.
# `./atelier dags --help` and README.md ("The Airflow-style CLI") say more. The jar is built with
# Maven (its cache in ~/.m2 reused) when missing or older than its sources or the workflows module's.

cli_jar() {
  local jar="$ROOT/cli/target/atelier-cli.jar"
  if [ ! -f "$jar" ] ||
    [ -n "$(find "$ROOT/cli/src/main" "$ROOT/cli/pom.xml" "$ROOT/workflows/src/main" \
      "$ROOT/workflows/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
    setup_maven
    say "building the CLI"
    "$MVN" -B -q -ntp install -DskipTests -pl cli -am >/dev/null
  fi
  echo "$jar"
}

run_cli() {
  local jar
  jar=$(cli_jar)
  cd "${CALLER_DIR:-$ROOT}" # relative --password-file, --token-file, --dags-classpath: the caller's
  exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$jar" "$@"
}
