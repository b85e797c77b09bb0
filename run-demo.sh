#!/usr/bin/env bash
# The Herald demo in one command: builds the agent, the demo shop and the example plugins, starts a
# local stand-in for Slack, and runs the shop with the agent. Needs Java 17+ and Maven; no network
# beyond Maven Central, no Slack workspace, no token.
#
#   ./run-demo.sh               build, then run
#   ./run-demo.sh --no-build    run what the last build left
#
# Uses $JAVA_HOME/bin/java when JAVA_HOME is set (Maven honours it too), e.g.
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./run-demo.sh
# HERALD_DEMO_BUILD_DIR=target-x builds and runs in */target-x/ instead (Maven's -DbuildDir).
set -euo pipefail

usage() { sed -n '2,11s/^# \{0,1\}//p' "$0"; }

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-demo.sh: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

# Paths below are relative to the repository root, wherever the script is called from.
start_dir="$PWD"
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$PWD"
build_dir="${HERALD_DEMO_BUILD_DIR:-target}"
demo="$root/examples/demo-app/$build_dir/demo"
agent="$root/agent/$build_dir/herald-agent.jar"
audit="$demo/logs/audit.jsonl"

if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
else
  java="$(command -v java || true)"
fi
if [[ -z "$java" || ! -x "$java" ]]; then
  echo "run-demo.sh: no java found; install Java 17 or later, or set JAVA_HOME" >&2
  exit 1
fi

if (( build )); then
  echo "Building the agent, the demo shop and the example plugins (mvn install, tests skipped)..."
  # The shop does not depend on Herald, so the agent is named here rather than reached by -am.
  # Some Maven builds print bare colour resets even with -B -q; keep them off the screen.
  mvn -B -q -DskipTests -DbuildDir="$build_dir" install -pl agent,examples/demo-app -am 2>&1 \
    | { grep -v $'^\e\\[0m\\(\e\\[0m\\)*$' || true; }
fi
for needed in "$agent" "$demo/shop.jar" "$demo/herald.yaml"; do
  if [[ ! -f "$needed" ]]; then
    echo "run-demo.sh: $needed is missing; run without --no-build to build it" >&2
    exit 1
  fi
done

# Each run tells the story afresh, so the audit trail below is this run's only.
rm -f "$audit"

work="$(mktemp -d "${TMPDIR:-/tmp}/herald-demo.XXXXXX")"
stand_in_pid=""
stop_stand_in() {
  if [[ -n "$stand_in_pid" ]]; then
    kill "$stand_in_pid" 2>/dev/null || true
    wait "$stand_in_pid" 2>/dev/null || true
    stand_in_pid=""
  fi
}
trap 'stop_stand_in; rm -rf "$work"' EXIT

"$java" -jar "$demo/tools/shop-slack-stand-in.jar" "$work/slack-url" &
stand_in_pid=$!
for _ in $(seq 1 100); do
  [[ -s "$work/slack-url" ]] && break
  kill -0 "$stand_in_pid" 2>/dev/null || { echo "run-demo.sh: the Slack stand-in did not start" >&2; exit 1; }
  sleep 0.1
done
if [[ ! -s "$work/slack-url" ]]; then
  echo "run-demo.sh: the Slack stand-in did not report its URL within 10 s" >&2
  exit 1
fi
slack_url="$(cat "$work/slack-url")"

plugins="$(cd "$demo/plugins" 2>/dev/null && ls -- *.jar 2>/dev/null | tr '\n' ' ' || true)"
echo
echo "Running the shop with the Herald agent."
echo "  plugins: ${plugins:-none built yet}"
echo "  Slack stand-in at $slack_url; its messages show as '#channel | text'."

set +e
SLACK_WEBHOOK_URL="$slack_url" "$java" \
  -javaagent:"$agent=$demo/herald.yaml" \
  -jar "$demo/shop.jar"
status=$?
set -e
stop_stand_in

# The footer names paths relative to the repository root, and says to go there if the caller is elsewhere.
rel() { echo "${1#"$root"/}"; }
history_jar="$demo/plugins/audit-log-plugin.jar"
history_cmd="java -cp $(rel "$history_jar") dev.herald.examples.audit.AuditHistory $(rel "$audit") order 2"
events=0
[[ -f "$audit" ]] && events="$(wc -l < "$audit" | tr -d ' ')"

echo
echo "------------------------------------------------------------------------------------------"
echo "What happened"
if [[ "${HERALD_ENABLED:-}" =~ ^[Ff][Aa][Ll][Ss][Ee]$ ]]; then
  echo "  HERALD_ENABLED=false switched Herald off: the shop ran without it, so there were no events."
  echo "  Run it again without that variable to see them."
else
  echo "  The shop ran unchanged: nothing in it knows Herald. Following $(rel "$demo/herald.yaml"),"
  echo "  the agent turned its service calls into events: before, then after or failed."
  echo "    console    printed each event, between the shop's own lines"
  echo "    slack      posted to the local Slack stand-in: new orders to #sales, failures to #alerts"
  echo "    audit-log  wrote $events events to the audit trail, card numbers redacted"
fi
echo
echo "Where to look$( [[ "$start_dir" != "$root" ]] && echo " (from the repository root: cd $root)")"
echo "  The audit trail, one JSON object per event:"
echo "    $(rel "$audit")"
echo "  One order's history, e.g. order 2, placed and then cancelled:"
echo "    $history_cmd"
if [[ -f "$history_jar" && -s "$audit" ]]; then
  "$java" -cp "$history_jar" dev.herald.examples.audit.AuditHistory "$audit" order 2 2>&1 | sed 's/^/      /' || true
fi
echo "  All order events with jq:"
echo "    jq -c 'select(.entity == \"order\") | [.name, .actor, .args, .result]' $(rel "$audit")"
again="./run-demo.sh --no-build"
[[ "$build_dir" == target ]] || again="HERALD_DEMO_BUILD_DIR=$build_dir $again"
echo "  The config: $(rel "$demo/herald.yaml")    Run it again: $again"
exit "$status"
