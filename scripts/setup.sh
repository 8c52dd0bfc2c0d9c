# First-run set-up for ./atelier: installs only what is missing, so later runs are quick.
# Everything comes from Debian packages, PyPI, npm and Maven Central by package name.

MAVEN_VERSION=3.9.11 # Quarkus needs Maven >= 3.9; Debian ships 3.8
EMOJI_VERSION=16.0.0
MVN="$ATELIER_DIR/apache-maven-$MAVEN_VERSION/bin/mvn"
EMOJI_DIR="$ATELIER_DIR/npm/node_modules/emoji-datasource-google/img/google/64"
# The same images in one sub-folder per emoji category: classes for the conditional DCGAN.
EMOJI_CLASSES_DIR="$ATELIER_DIR/datasets/emoji-categories"
# The 110 yellow-face emoji alone: the set the demo's short DCGAN sweep learns to draw.
EMOJI_FACES_DIR="$ATELIER_DIR/datasets/emoji-faces"

say() { printf 'atelier: %s\n' "$*" >&2; }

setup_postgres() {
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && return 0
  say "installing PostgreSQL (Debian package postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
}

setup_maven() {
  [ -x "$MVN" ] && return 0
  say "fetching Maven $MAVEN_VERSION from Maven Central"
  mvn -q -B dependency:copy -Dartifact="org.apache.maven:apache-maven:$MAVEN_VERSION:tar.gz:bin" \
    -DoutputDirectory="$ATELIER_DIR" >/dev/null
  tar xzf "$ATELIER_DIR/apache-maven-$MAVEN_VERSION-bin.tar.gz" -C "$ATELIER_DIR"
  rm -f "$ATELIER_DIR/apache-maven-$MAVEN_VERSION-bin.tar.gz"
}

setup_python() {
  local stamp="$VENV/.requirements"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$ROOT/scripts/requirements.txt"; then return 0; fi
  say "installing MLflow and the Temporal dev server into $VENV (a few minutes, once)"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/scripts/requirements.txt"
  cp "$ROOT/scripts/requirements.txt" "$stamp"
}

# Airflow's 3.x client shares the `airflow_client` package name with the 2.x one in $VENV, so it
# gets a venv of its own; the ui test Airflow3ClientEndToEndTest drives /api/v2 with it.
setup_python_airflow3() {
  local venv="$ATELIER_DIR/venv-airflow3" stamp="$ATELIER_DIR/venv-airflow3/.requirements"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$ROOT/scripts/requirements-airflow3.txt"; then return 0; fi
  say "installing Airflow's 3.x Python client into $venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$ROOT/scripts/requirements-airflow3.txt"
  cp "$ROOT/scripts/requirements-airflow3.txt" "$stamp"
}

setup_emoji() {
  if [ ! -d "$EMOJI_DIR" ]; then
    say "installing the demo images (npm package emoji-datasource-google@$EMOJI_VERSION)"
    npm install --silent --no-audit --no-fund --prefix "$ATELIER_DIR/npm" \
      "emoji-datasource-google@$EMOJI_VERSION" >/dev/null
  fi
  [ -d "$EMOJI_CLASSES_DIR" ] ||
    python3 "$ROOT/scripts/emoji_classes.py" "$EMOJI_DIR/../../.." "$EMOJI_CLASSES_DIR" >/dev/null
  [ -d "$EMOJI_FACES_DIR" ] ||
    python3 "$ROOT/scripts/emoji_faces.py" "$EMOJI_DIR/../../.." "$EMOJI_FACES_DIR" >/dev/null
}

setup_browser() { # the UI tests drive Debian's Chromium through its chromedriver
  # The emoji font: the pages' vote and trophy glyphs show in the tests' screenshots.
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] &&
    [ -d /usr/share/fonts/truetype/noto ] && return 0
  say "installing Chromium, chromedriver and an emoji font (Debian packages, for the browser tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium chromium-driver fonts-noto-color-emoji >/dev/null
}

setup_jemalloc() { # the trainer runs faster on jemalloc (bench/README.md); optional
  ls /usr/lib/*/libjemalloc.so.2 >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || return 0
  say "installing jemalloc (Debian package libjemalloc2) for the trainer"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq libjemalloc2 >/dev/null || say "jemalloc not installed; trainers use glibc malloc"
}

setup_kustomize() { # renders k8s/ for offline validation; built from the Go module proxy
  [ -x "$ATELIER_DIR/bin/kustomize" ] && return 0
  say "building kustomize (go install, once)"
  GOBIN="$ATELIER_DIR/bin" go install sigs.k8s.io/kustomize/kustomize/v5@v5.7.1 >/dev/null 2>&1
}

setup_tools() { setup_postgres && setup_maven && setup_python && setup_python_airflow3 && setup_jemalloc; }
setup_all() { setup_tools && setup_emoji; }
