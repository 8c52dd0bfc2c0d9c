# ./atelier cluster up|down|status|env: a real Kubernetes control plane on loopback, for the
# Kubernetes launcher's tests and for trying ATELIER_LAUNCHER=kubernetes on one machine.
#
#   etcd, kube-apiserver (RBAC, PodSecurity, admission webhooks), kube-controller-manager (Job
#   controller, garbage collector, PV binder, ...), kube-scheduler and kubectl, all from
#   k8s.io/kubernetes 1.35.4; kwok 0.8 managing fake nodes (two GPU nodes, one CPU node) whose pods
#   follow stages tests steer per pod; Kueue 0.17 (v1beta2) with its webhooks, a ResourceFlavor per
#   node kind, a ClusterQueue with 4 GPUs and a LocalQueue in the atelier namespace.
#
# Everything is built once from the Go module proxy by the modules in cluster/ and cluster/kwok/
# (their go.mod files pin the versions) into $CLUSTER_BIN; Go's own caches make a rebuild on the same machine quick. kwok
# simulates pods, so no container runs: the Job, Workload and pod state machines, the volumes and
# Atelier's decisions are real, the trainer is not (README.md, "Kubernetes").
#
# Profiles keep the test cluster apart from the one `./atelier cluster up` leaves running:
#   cluster: API server https://127.0.0.1:6443 (etcd 2379/2380, Kueue 9443/9440), data under
#            .atelier/cluster
#   test:    API server https://127.0.0.1:56443 (etcd 52379/52380, Kueue 59443/58081), data under
#            .atelier/test-cluster (wiped per run)
# (Kueue's health port stays off 8081, where Quarkus runs its tests.)

CLUSTER_BIN="$ATELIER_DIR/bin/cluster"
CLUSTER_TOOLS=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok kueue)
K8S_VERSION=v1.35.4 # cluster/go.mod pins it, with Kueue v0.17.0 and etcd v3.6.5; kwok: cluster/kwok/go.mod

cluster_ports() { # profile -> CL_DIR API_PORT ETCD_PORT ETCD_PEER_PORT WEBHOOK_PORT KUEUE_HEALTH_PORT
  case "$1" in
    cluster) API_PORT=6443 ETCD_PORT=2379 ETCD_PEER_PORT=2380 WEBHOOK_PORT=9443 KUEUE_HEALTH_PORT=9440
      CL_DIR="$ATELIER_DIR/cluster" ;;
    test) API_PORT=56443 ETCD_PORT=52379 ETCD_PEER_PORT=52380 WEBHOOK_PORT=59443 KUEUE_HEALTH_PORT=58081
      CL_DIR="$ATELIER_DIR/test-cluster" ;;
    *) echo "unknown cluster profile '$1' (expected cluster or test)" >&2; return 2 ;;
  esac
  KUBECTL=("$CLUSTER_BIN/kubectl" --kubeconfig "$CL_DIR/admin.kubeconfig")
}

# Builds the binaries when one is missing or a go.sum changed since the last build.
cluster_build() {
  local stamp="$CLUSTER_BIN/.go.sum" t missing=0
  for t in "${CLUSTER_TOOLS[@]}"; do [ -x "$CLUSTER_BIN/$t" ] || missing=1; done
  if [ "$missing" = 0 ] && [ -f "$stamp" ] &&
    cat "$ROOT/cluster/go.sum" "$ROOT/cluster/kwok/go.sum" | cmp -s "$stamp" -; then
    return 0
  fi
  say "building the Kubernetes control plane, kwok and Kueue from Go modules (once: about 15 CPU-minutes)"
  mkdir -p "$CLUSTER_BIN"
  local v=k8s.io/component-base/version start=$SECONDS
  # One `go build` per module compiles each shared package once. The version stamp is what
  # `kubectl version` and Kueue's server-version checks read.
  (cd "$ROOT/cluster" && GOFLAGS=-mod=mod go build -trimpath \
    -ldflags "-s -w -X $v.gitVersion=$K8S_VERSION -X $v.gitMajor=1 -X $v.gitMinor=35 -X $v.gitTreeState=clean -X $v.buildDate=2026-01-01T00:00:00Z" \
    -o "$CLUSTER_BIN/" tool) || { say "the control plane build failed"; return 1; }
  (cd "$ROOT/cluster/kwok" && GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$CLUSTER_BIN/" tool) ||
    { say "the kwok build failed"; return 1; }
  mv -f "$CLUSTER_BIN/server" "$CLUSTER_BIN/etcd" # go.etcd.io/etcd/server/v3's main package
  cat "$ROOT/cluster/go.sum" "$ROOT/cluster/kwok/go.sum" >"$stamp"
  say "control plane built in $((SECONDS - start)) s"
}

# The module cache folder of a Go module pinned in cluster/go.mod (Kueue's CRDs and webhooks).
go_module_dir() { (cd "$ROOT/cluster" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "$1"); }

cluster_certs() {
  local d="$CL_DIR/pki"
  [ -f "$d/admin.crt" ] && return 0
  mkdir -p "$d"
  (
    cd "$d"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
      -subj "/CN=atelier-cluster-ca" 2>/dev/null
    sign() { # name subject SANs
      openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
      printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n%s\n' \
        "${3:+subjectAltName=$3}" >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" \
        -days 3650 -extfile "$1.ext" 2>/dev/null
    }
    sign apiserver "/CN=kube-apiserver" \
      "IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
    sign admin "/O=system:masters/CN=atelier-cluster-admin" ""
    sign webhook "/CN=kueue-webhook" "IP:127.0.0.1,DNS:localhost"
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    mkdir -p webhook-certs && cp webhook.crt webhook-certs/tls.crt && cp webhook.key webhook-certs/tls.key
  )
}

write_kubeconfig() { # file user-entry-yaml
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: atelier
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $CL_DIR/pki/ca.crt
contexts:
- name: atelier
  context: {cluster: atelier, user: user, namespace: atelier}
current-context: atelier
users:
- name: user
  user:
$2
EOF
}

start_bg() { # name command... ; one process group per component, pid in $CL_DIR/<name>.pid
  local name=$1; shift
  if [ -f "$CL_DIR/$name.pid" ] && kill -0 "$(cat "$CL_DIR/$name.pid")" 2>/dev/null; then return 0; fi
  setsid nohup "$@" >"$CL_DIR/logs/$name.log" 2>&1 &
  echo $! >"$CL_DIR/$name.pid"
}

cluster_up() { # profile
  cluster_ports "${1:-cluster}" || return 2
  cluster_build || return 1
  local DATA=$CL_DIR # where wait_for's messages point
  mkdir -p "$CL_DIR/logs"
  cluster_certs
  local pki="$CL_DIR/pki" b="$CLUSTER_BIN"
  write_kubeconfig "$CL_DIR/admin.kubeconfig" "    client-certificate: $pki/admin.crt
    client-key: $pki/admin.key"

  start_bg etcd "$b/etcd" --name atelier --data-dir "$CL_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "atelier=http://127.0.0.1:$ETCD_PEER_PORT" \
    --listen-metrics-urls "" --unsafe-no-fsync --log-level warn
  wait_for etcd 30 curl -sf "http://127.0.0.1:$ETCD_PORT/health" || return 1

  # RBAC only: every caller is checked as itself, Atelier as its ServiceAccount. PodSecurity
  # enforces the namespace's level (atelier: restricted); the webhook plugins are what Kueue
  # needs to default, suspend and validate Jobs and its own objects.
  start_bg kube-apiserver "$b/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 --secure-port "$API_PORT" --advertise-address 127.0.0.1 \
    --endpoint-reconciler-type none \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-cluster-ip-range 10.96.0.0/16 \
    --authorization-mode RBAC \
    --enable-admission-plugins NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultTolerationSeconds,Priority,ResourceQuota,PodSecurity,MutatingAdmissionWebhook,ValidatingAdmissionWebhook \
    --enable-priority-and-fairness=false --profiling=false --v 1
  wait_for kube-apiserver 90 "${KUBECTL[@]}" get --raw /readyz || return 1

  start_bg kube-controller-manager "$b/kube-controller-manager" \
    --kubeconfig "$CL_DIR/admin.kubeconfig" --authentication-kubeconfig "$CL_DIR/admin.kubeconfig" \
    --authorization-kubeconfig "$CL_DIR/admin.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port 0 --leader-elect=false \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --use-service-account-credentials=false --profiling=false --v 1
  start_bg kube-scheduler "$b/kube-scheduler" \
    --kubeconfig "$CL_DIR/admin.kubeconfig" --authentication-kubeconfig "$CL_DIR/admin.kubeconfig" \
    --authorization-kubeconfig "$CL_DIR/admin.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port 0 --leader-elect=false --profiling=false --v 1
  start_bg kwok "$b/kwok" --kubeconfig "$CL_DIR/admin.kubeconfig" \
    --manage-all-nodes=false --manage-nodes-with-label-selector atelier.dev/kwok=true \
    --config "$ROOT/cluster/kwok-stages.yaml" --server-address "" --node-ip 10.0.0.1 --cidr 10.244.0.0/16

  cluster_kueue || return 1
  # The cluster's own objects (nodes, volumes, a dataset claim: cluster/fixtures.yaml), then what a studio
  # applies: k8s/ with the Kueue overlay (namespace, ServiceAccounts, RBAC, claims, queues).
  "${KUBECTL[@]}" apply -f "$ROOT/cluster/fixtures.yaml" >"$CL_DIR/logs/apply-fixtures.log" 2>&1 || return 1
  # Kueue refuses its objects until its webhook server answers, so this retries for a while.
  wait_for "k8s/overlays/kueue applied" 60 "${KUBECTL[@]}" apply -k "$ROOT/k8s/overlays/kueue" ||
    { "${KUBECTL[@]}" apply -k "$ROOT/k8s/overlays/kueue"; return 1; }
  cluster_atelier_kubeconfig || return 1
  wait_for "kwok nodes Ready" 60 "${KUBECTL[@]}" wait --for=condition=Ready node --all --timeout=1s
  say "cluster up: export KUBECONFIG=$CL_DIR/atelier.kubeconfig (the atelier ServiceAccount; admin: $CL_DIR/admin.kubeconfig)"
}

# Kueue: CRDs, its namespace, webhook configurations pointing at the manager on loopback (served
# with our CA's certificate; Kueue's own certificate rotation expects an in-cluster Service), then
# the manager itself, then the queues Atelier's tests use.
cluster_kueue() {
  local kdir cfg="$CL_DIR/kueue-config.yaml"
  kdir=$(go_module_dir sigs.k8s.io/kueue) || return 1
  "${KUBECTL[@]}" apply --server-side -f "$kdir/config/components/crd/bases/" >"$CL_DIR/logs/apply-kueue-crds.log" 2>&1 ||
    { say "could not install Kueue's CRDs; see $CL_DIR/logs/apply-kueue-crds.log"; return 1; }
  # Kueue's manager exits at once when its kinds are not served yet.
  "${KUBECTL[@]}" wait --for condition=established --timeout 60s -f "$kdir/config/components/crd/bases/" \
    >>"$CL_DIR/logs/apply-kueue-crds.log" 2>&1 || { say "Kueue's CRDs were not established"; return 1; }
  "${KUBECTL[@]}" create namespace kueue-system --dry-run=client -o yaml | "${KUBECTL[@]}" apply -f - >/dev/null
  "$VENV/bin/python" "$ROOT/cluster/kueue_webhooks.py" "$kdir/config/components/webhook/manifests.yaml" \
    "https://127.0.0.1:$WEBHOOK_PORT" "$CL_DIR/pki/ca.crt" >"$CL_DIR/kueue-webhooks.yaml" || return 1
  "${KUBECTL[@]}" apply -f "$CL_DIR/kueue-webhooks.yaml" >"$CL_DIR/logs/apply-kueue-webhooks.log" 2>&1 || return 1
  cat >"$cfg" <<EOF
apiVersion: config.kueue.x-k8s.io/v1beta2
kind: Configuration
namespace: kueue-system
health:
  healthProbeBindAddress: 127.0.0.1:$KUEUE_HEALTH_PORT
metrics:
  bindAddress: "0"
webhook:
  host: 127.0.0.1
  port: $WEBHOOK_PORT
  certDir: $CL_DIR/pki/webhook-certs
leaderElection:
  leaderElect: false
internalCertManagement:
  enable: false
manageJobsWithoutQueueName: false
integrations:
  frameworks: ["batch/job"]
EOF
  # Without Kueue's own certificate management its metrics server reads a fixed path; it gets the
  # webhook's certificate (the metrics endpoint itself is switched off above).
  mkdir -p /etc/kueue/metrics/certs ||
    { say "Kueue needs /etc/kueue/metrics/certs (run as root)"; return 1; }
  cp "$CL_DIR/pki/webhook-certs/tls.crt" "$CL_DIR/pki/webhook-certs/tls.key" /etc/kueue/metrics/certs/
  start_bg kueue "$CLUSTER_BIN/kueue" --config "$cfg" --kubeconfig "$CL_DIR/admin.kubeconfig" \
    --feature-gates VisibilityOnDemand=false --zap-log-level error
  wait_for Kueue 90 curl -sf "http://127.0.0.1:$KUEUE_HEALTH_PORT/readyz" || return 1
}

# A kubeconfig that authenticates as the atelier ServiceAccount (a TokenRequest token), so what
# the tests do is checked by the RBAC rules k8s/ ships.
cluster_atelier_kubeconfig() {
  local token
  token=$("${KUBECTL[@]}" -n atelier create token atelier --duration 48h) || return 1
  write_kubeconfig "$CL_DIR/atelier.kubeconfig" "    token: $token"
}

cluster_down() { # profile
  cluster_ports "${1:-cluster}" || return 2
  local name pid
  for name in kueue kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    [ -f "$CL_DIR/$name.pid" ] || continue
    pid=$(cat "$CL_DIR/$name.pid")
    if kill -TERM -- "-$pid" 2>/dev/null; then
      for _ in $(seq 1 20); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.25; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$CL_DIR/$name.pid"
  done
}

cluster_status() { # profile
  cluster_ports "${1:-cluster}" || return 2
  local name state rc=0
  for name in etcd kube-apiserver kube-controller-manager kube-scheduler kwok kueue; do
    if [ -f "$CL_DIR/$name.pid" ] && kill -0 "$(cat "$CL_DIR/$name.pid")" 2>/dev/null; then
      state=running
    else
      state=stopped rc=3
    fi
    printf '%-24s %s\n' "$name" "$state"
  done
  if [ "$rc" = 0 ]; then
    "${KUBECTL[@]}" get nodes -L atelier.dev/accelerator
    "${KUBECTL[@]}" get clusterqueues,localqueues -A
    echo "KUBECONFIG=$CL_DIR/atelier.kubeconfig"
  fi
  return "$rc"
}

run_cluster() {
  local sub=${1:-status}
  case "$sub" in
    up) setup_tools && cluster_up cluster ;;
    down) cluster_down cluster && say "cluster stopped (data kept in $ATELIER_DIR/cluster)" ;;
    status) cluster_status cluster ;;
    build) cluster_build ;;
    *) echo "usage: ./atelier cluster up|down|status|build" >&2; return 2 ;;
  esac
}
