#!/usr/bin/env bash
# Validates every manifest Atelier ships, offline: kustomize renders the base and each overlay,
# and kubernetes-validate checks each rendered resource (and the examples) against the bundled
# Kubernetes OpenAPI schemas, rejecting unknown fields (--strict). kubernetes-validate does not
# know Kueue's kinds (overlays/kueue): validate_crds.py checks those against the openAPIV3Schema
# of Kueue's CRDs, strictly too, taken from the Go module cache at the Kueue version cluster/go.mod
# pins (KUEUE_CRDS=DIR names another folder). Where that folder is missing, Kueue objects are
# left out with a notice rather than failing the run; CEL rules are checked only by an API server.
# usage: k8s/validate.sh KUSTOMIZE_BIN KUBERNETES_VALIDATE_BIN
set -euo pipefail
kustomize=$1 validate=$2
here=$(cd "$(dirname "$0")" && pwd)
python=$(dirname "$validate")/python # kubernetes-validate's own: it has PyYAML and jsonschema
[ -x "$python" ] || python=python3
crds=${KUEUE_CRDS:-}
if [ -z "$crds" ] && command -v go >/dev/null 2>&1; then
  kueue_version=$(awk '$1 == "sigs.k8s.io/kueue" { print $2 }' "$here/../cluster/go.mod" 2>/dev/null || true)
  crds="$(go env GOMODCACHE)/sigs.k8s.io/kueue@${kueue_version}/config/components/crd/bases"
fi
[ -d "$crds" ] || crds=""
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
check() { # name file
  if "$python" "$here/validate_crds.py" "$crds" "$2" "$out/builtin.yaml" >"$out/report" 2>&1 &&
    "$validate" --strict --quiet -k 1.33.0 "$out/builtin.yaml" >>"$out/report" 2>&1; then
    passed=$((passed + 1))
    grep '^NOTE' "$out/report" | sed "s|^|$1: |" || true
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
