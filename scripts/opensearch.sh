#!/usr/bin/env bash
# A real OpenSearch cluster on this machine's loopback, for the opensearch engine's tests, bench and trials.
#
#   scripts/opensearch.sh start [N]      build the launcher (java/, Maven), start N nodes (default 3), wait for green
#   scripts/opensearch.sh stop           stop every node and remove the cluster's data folder
#   scripts/opensearch.sh status         the cluster's health, one line
#   scripts/opensearch.sh stop-node I    stop node I (1-based) alone, as a machine failing would
#   scripts/opensearch.sh start-node I   start node I again into the running cluster
#
# Node I listens on HTTP $GAZETTE_OPENSEARCH_PORT+I-1 (default 9200…) and transport 9300+I-1 on 127.0.0.1; the first
# node's URL is what `gazette index --engine opensearch --url …` takes. Heaps are small (-Xms256m -Xmx384m, or
# $GAZETTE_OPENSEARCH_HEAP); data, logs and pids live under $GAZETTE_OPENSEARCH_DIR (default a folder in $TMPDIR).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
state="${GAZETTE_OPENSEARCH_DIR:-${TMPDIR:-/tmp}/gazette-opensearch}"
http_base="${GAZETTE_OPENSEARCH_PORT:-9200}"
transport_base="${GAZETTE_OPENSEARCH_TRANSPORT_PORT:-9300}"
heap="${GAZETTE_OPENSEARCH_HEAP:-384m}"
wait_seconds="${GAZETTE_OPENSEARCH_WAIT:-300}"

die() { echo "opensearch.sh: $*" >&2; exit 1; }

build() {
  command -v java >/dev/null || die "java not found (OpenSearch 2.19 needs Java 17 or newer)"
  command -v mvn >/dev/null || die "mvn not found (Maven builds the launcher in java/)"
  local stamp="java/target/.built-$(cat java/pom.xml java/src/main/java/gazette/opensearch/*.java | sha256sum | cut -c1-16)"
  if [ ! -f "$stamp" ] || [ ! -d java/target/lib ]; then
    echo "opensearch.sh: building the launcher with Maven (the first time fetches OpenSearch's jars from Maven Central)" >&2
    (cd java && mvn -q -B -DskipTests package) || die "Maven could not build java/ (see its output above)"
    rm -f java/target/.built-*
    touch "$stamp"
  fi
}

url_of() { echo "http://127.0.0.1:$((http_base + $1 - 1))"; }

health() {  # the cluster's health JSON from the first node that answers, or nothing
  local n i
  n="$(cat "$state/nodes" 2>/dev/null || echo 3)"
  for i in $(seq 1 "$n"); do
    if curl -fsS --max-time 5 "$(url_of "$i")/_cluster/health" 2>/dev/null; then return 0; fi
  done
  return 1
}

start_node() {
  local i="$1" n seeds managers j pid
  n="$(cat "$state/nodes")"
  seeds=""; managers=""
  for j in $(seq 1 "$n"); do
    seeds="${seeds:+$seeds,}127.0.0.1:$((transport_base + j - 1))"
    managers="${managers:+$managers,}node-$j"
  done
  if [ -f "$state/node-$i.pid" ] && kill -0 "$(cat "$state/node-$i.pid")" 2>/dev/null; then
    echo "opensearch.sh: node $i is already running" >&2; return 0
  fi
  mkdir -p "$state/node-$i/home" "$state/node-$i/data" "$state/node-$i/logs"
  local discovery=("discovery.seed_hosts=$seeds" "cluster.initial_cluster_manager_nodes=$managers")
  if [ "$n" = 1 ]; then discovery=("discovery.type=single-node"); fi
  # setsid: the node is its own process group, so a stop signal to the caller's group does not reach it half-way
  setsid java -Xms256m "-Xmx$heap" -XX:+UseSerialGC -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -Dlog4j2.formatMsgNoLookups=true \
    -cp "$root/java/target/classes:$root/java/target/lib/*" gazette.opensearch.GazetteNode \
    "cluster.name=gazette-test" "node.name=node-$i" \
    "path.home=$state/node-$i/home" "path.data=$state/node-$i/data" "path.logs=$state/node-$i/logs" \
    "http.port=$((http_base + i - 1))" "transport.port=$((transport_base + i - 1))" \
    "${discovery[@]}" \
    "cluster.routing.allocation.disk.threshold_enabled=false" \
    "action.auto_create_index=false" \
    >"$state/node-$i/out.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$state/node-$i.pid"
  echo "opensearch.sh: node $i (pid $pid) on $(url_of "$i")" >&2
}

stop_node() {
  local i="$1" pid k
  [ -f "$state/node-$i.pid" ] || return 0
  pid="$(cat "$state/node-$i.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for k in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$state/node-$i.pid"
}

wait_for() {  # wait_for STATUS NODES: until the cluster reports that status with that many nodes
  local want="$1" nodes="$2" k h
  for k in $(seq 1 "$wait_seconds"); do
    h="$(health || true)"
    if [ -n "$h" ] && python3 - "$h" "$want" "$nodes" <<'PY'
import json, sys
h = json.loads(sys.argv[1])
ok = {"green": ("green",), "yellow": ("green", "yellow")}[sys.argv[2]]
sys.exit(0 if h["status"] in ok and h["number_of_nodes"] == int(sys.argv[3]) else 1)
PY
    then echo "$h"; return 0; fi
    sleep 1
  done
  die "the cluster did not become $want with $nodes nodes within ${wait_seconds}s; last health: ${h:-no answer}; logs: $state/node-*/out.log"
}

running_nodes() {
  local n i c=0
  n="$(cat "$state/nodes" 2>/dev/null || echo 0)"
  for i in $(seq 1 "$n"); do
    if [ -f "$state/node-$i.pid" ] && kill -0 "$(cat "$state/node-$i.pid")" 2>/dev/null; then c=$((c + 1)); fi
  done
  echo "$c"
}

case "${1:-}" in
  start)
    n="${2:-${GAZETTE_OPENSEARCH_NODES:-3}}"
    build
    if [ "$(running_nodes)" != 0 ]; then die "a cluster is already running from $state (scripts/opensearch.sh stop first)"; fi
    rm -rf "$state"; mkdir -p "$state"
    echo "$n" > "$state/nodes"
    for i in $(seq 1 "$n"); do start_node "$i"; done
    wait_for green "$n"
    echo "opensearch.sh: $n node(s) green at $(url_of 1)" >&2
    ;;
  stop)
    n="$(cat "$state/nodes" 2>/dev/null || echo 0)"
    for i in $(seq 1 "$n"); do stop_node "$i"; done
    rm -rf "$state"
    ;;
  status)
    health || die "no node answers at $(url_of 1)"
    echo
    ;;
  stop-node)
    [ -n "${2:-}" ] || die "stop-node needs a node number"
    stop_node "$2"
    ;;
  start-node)
    [ -n "${2:-}" ] || die "start-node needs a node number"
    [ -f "$state/nodes" ] || die "no cluster was started from $state"
    start_node "$2"
    ;;
  wait)
    wait_for "${2:-green}" "${3:-$(cat "$state/nodes")}"
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
