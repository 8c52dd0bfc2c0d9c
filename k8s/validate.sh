#!/usr/bin/env bash
# Validates every manifest Atelier ships, offline: kustomize renders the base and each overlay,
# and kubernetes-validate checks each rendered resource (and the examples) against the bundled
# Kubernetes OpenAPI schemas, rejecting unknown fields (--strict).
# usage: k8s/validate.sh KUSTOMIZE_BIN KUBERNETES_VALIDATE_BIN
set -euo pipefail
kustomize=$1 validate=$2
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
check() { # name file
  if "$validate" --strict --quiet -k 1.33.0 "$2" >"$out/report" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED $1:" && cat "$out/report"
  fi
}
for dir in "$here/base" "$here"/overlays/*; do
  name=${dir#"$here"/}
  if ! "$kustomize" build "$dir" >"$out/rendered.yaml" 2>"$out/err"; then
    failed=$((failed + 1)); echo "FAILED $name: kustomize build"; cat "$out/err"; continue
  fi
  check "$name" "$out/rendered.yaml"
done
for f in "$here"/examples/*.yaml; do check "examples/$(basename "$f")" "$f"; done
echo "k8s manifests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
