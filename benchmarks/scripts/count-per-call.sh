#!/usr/bin/env bash
# Hardware counts per call of one caller case, split by core: the benchmark thread is pinned to
# CPU 1 and every other thread of its JVM (delivery threads, GC, JIT) to CPU 0, then `perf stat`
# counts instructions, cycles and cache-line fills from other cores for 4 s of the measurement.
# Counts do not drift with the load of a shared machine the way times do; use them to compare
# builds. Needs Linux, perf, taskset and two CPUs; run after the benchmarks build (see README).
#
# usage: benchmarks/scripts/count-per-call.sh CASE [herald-agent.jar]
#   CASE: HERALD_NOOP, HERALD_KEEP, FLOOR, ... (caller.CallerCase)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
case_name=${1:?usage: count-per-call.sh CASE [herald-agent.jar]}
agent=${2:-$here/../agent/target/herald-agent.jar}
jar=$here/target/benchmarks.jar
yaml=$here/target/bench-work/herald-bench.yaml
[ -f "$yaml" ] || { echo "run the caller group once first: it writes $yaml" >&2; exit 1; }
log=$(mktemp); counts=$(mktemp)
trap 'rm -f "$log" "$counts"' EXIT
flags="-XX:+UseG1GC -Xms2g -Xmx2g -XX:+AlwaysPreTouch -Dbench.case=$case_name"
[ "$case_name" = FLOOR ] || [ "$case_name" = NO_AGENT ] || flags="$flags -javaagent:$agent=$yaml"
java -cp "$jar" org.openjdk.jmh.Main '^dev.herald.bench.caller.CallerCost.write$' \
  -f 1 -wi 3 -i 10 -w 1s -r 1s -jvmArgsAppend "$flags" > "$log" 2>&1 &
host=$!
fork=""
for _ in $(seq 50); do
  fork=$(pgrep -f "ForkedMain" | head -1 || true)
  [ -n "$fork" ] && break
  sleep 0.2
done
[ -n "$fork" ] || { echo "the benchmark fork did not start; see $log" >&2; exit 1; }
sleep 7 # warm-up
caller=$(for t in /proc/"$fork"/task/*; do
  echo "$(awk '{print $14 + $15}' "$t/stat") $(basename "$t")"; done | sort -n | tail -1 | cut -d' ' -f2)
for t in /proc/"$fork"/task/*; do taskset -pc 0 "$(basename "$t")" > /dev/null 2>&1 || true; done
taskset -pc 1 "$caller" > /dev/null
sleep 1
perf stat -a -A -x, -e cycles,instructions,ls_dmnd_fills_from_sys.int_cache,ls_dmnd_fills_from_sys.ext_cache_local \
  -- sleep 4 2> "$counts" || perf stat -a -A -x, -e cycles,instructions -- sleep 4 2> "$counts"
wait "$host"
score=$(awk '$1 == "CallerCost.write" {print $4}' "$log")
python3 - "$score" "$counts" "$case_name" <<'PY'
import sys
score, path, name = float(sys.argv[1]), sys.argv[2], sys.argv[3]
calls = 4e9 / score  # calls made in the 4 s counted, at the run's mean ns/op
per = {}
for line in open(path):
    f = line.strip().split(',')
    if len(f) > 3 and f[1].replace('.', '').isdigit():
        per[(f[0], f[3])] = float(f[1])
def show(cpu):
    return ', '.join(f"{event.split('.')[-1]} {value / calls:,.2f}"
                     for (c, event), value in sorted(per.items()) if c == cpu)
print(f"{name}: {score:.1f} ns/op")
print(f"  caller (CPU1) per call: {show('CPU1')}")
print(f"  rest   (CPU0) per call: {show('CPU0')}")
PY
