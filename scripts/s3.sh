# The S3-compatible server of each profile (README.md, "S3"): the Versity S3 Gateway (versitygw
# v1.8.0, Apache-2.0) serving a folder through its POSIX backend, so that code written against
# Amazon S3 (the AWS SDK for Java v2) is tested against a real S3 protocol implementation: SigV4
# authentication, ListObjectsV2 with prefixes, delimiters and continuation tokens, ETags, ranges,
# multipart uploads. Sourced by services.sh; ports in profile_ports (demo 7070, test 57070, dev
# 56070), data under $DATA/s3: each sub-folder a bucket, each file an object, metadata in xattrs.
#
# Built once by setup_s3 from the Go module proxy with the small module in s3/ (its go.mod pins the
# version) into $S3_BIN, like the Kubernetes binaries (cluster.sh); Go's caches make a rebuild on
# the same machine quick. Measured on this 2-core machine: 139 CPU-seconds with an empty build
# cache (README.md, "S3"), about 10 s from Go's caches; a 59 MiB binary.

S3_BIN="$ATELIER_DIR/bin/s3"
S3_REGION=us-east-1
S3_ACCESS_KEY=atelier

# Builds versitygw when it is missing or s3/go.sum changed since the last build.
setup_s3() {
  local stamp="$S3_BIN/.go.sum"
  if [ -x "$S3_BIN/versitygw" ] && [ -f "$stamp" ] && cmp -s "$stamp" "$ROOT/s3/go.sum"; then
    return 0
  fi
  command -v go >/dev/null || { say "the S3 server is built with Go, which is not installed"; return 1; }
  say "building the S3 server (versitygw, from the Go module proxy; once: about 2 CPU-minutes)"
  mkdir -p "$S3_BIN"
  local start=$SECONDS
  (cd "$ROOT/s3" && GOFLAGS=-mod=mod nice go build -trimpath -ldflags "-s -w" -o "$S3_BIN/" tool) ||
    { say "the S3 server build failed"; return 1; }
  cp "$ROOT/s3/go.sum" "$stamp"
  say "S3 server built in $((SECONDS - start)) s"
}

# One secret per profile, made on first start and kept beside the data (not inside it: every
# folder under $DATA/s3 is a bucket).
s3_secret() {
  local f="$DATA/s3.secret"
  if [ ! -s "$f" ]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$f")
  fi
  cat "$f"
}

start_s3() {
  if [ -n "${ATELIER_S3_ENDPOINT:-}" ]; then return 0; fi
  setup_s3 || return 1
  mkdir -p "$DATA/logs" "$DATA/s3"
  local secret
  secret=$(s3_secret)
  if ! already_ours s3 "$S3_PORT"; then
    # The keys go in through the environment, not the command line, where `ps` would show them.
    ROOT_ACCESS_KEY_ID="$S3_ACCESS_KEY" ROOT_SECRET_ACCESS_KEY="$secret" \
      setsid nohup "$S3_BIN/versitygw" --port "127.0.0.1:$S3_PORT" --region "$S3_REGION" \
      --health /health --quiet posix "$DATA/s3" >"$DATA/logs/s3.log" 2>&1 &
    echo $! >"$DATA/s3.pid"
  fi
  wait_for "the S3 server" 30 curl -sf "http://127.0.0.1:$S3_PORT/health" || return 1
  export ATELIER_S3_ENDPOINT="http://127.0.0.1:$S3_PORT" ATELIER_S3_REGION="$S3_REGION" \
    ATELIER_S3_ACCESS_KEY="$S3_ACCESS_KEY" ATELIER_S3_SECRET_KEY="$secret"
}
