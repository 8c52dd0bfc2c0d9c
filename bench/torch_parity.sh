#!/usr/bin/env bash
# Regenerates the PyTorch parity fixtures of TorchParityTest:
# trainers/src/test/resources/torch-parity/{stylegan2,r3gan}-{32,64}.npz, from the eager references
# bench/stylegan2_torch.py and bench/r3gan_torch.py (see bench/torch_parity.py for what they hold).
# usage: ./bench/torch_parity.sh [--seed N]   then: cd trainers && mvn -o test -Dtest=TorchParityTest
# Installs PyTorch into .atelier/bench-venv once (BENCH_PYTHON=/path/to/python uses another).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATELIER_DIR=${ATELIER_DIR:-$ROOT/.atelier}
mkdir -p "$ATELIER_DIR"
say() { printf 'atelier: %s\n' "$*" >&2; }
# shellcheck source=bench_setup.sh
. "$ROOT/bench/bench_setup.sh"
bench_torch # PYTHON
exec "$PYTHON" "$ROOT/bench/torch_parity.py" "$@"
