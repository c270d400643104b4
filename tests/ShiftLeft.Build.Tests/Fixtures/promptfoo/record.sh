#!/usr/bin/env bash
# Records the promptfoo results files the gate's tests read, with promptfoo itself (no network, no model):
#   bash tests/ShiftLeft.Build.Tests/Fixtures/promptfoo/record.sh
# Each run evaluates four support questions against the local provider in provider.js and writes
# `promptfoo eval -o <run>.json`. The recorded files are committed; re-running this script replaces them.
#   passing.json  4 of 4 pass
#   failing.json  3 of 4 fail their assertions (failureReason 1), 0 errors
#   erroring.json 2 pass, 2 error (the provider fails: failureReason 2)
#   mixed.json    1 pass, 2 fail, 1 error
#   echo.json     promptfoo's built-in echo provider (it repeats the prompt; it is no model)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/shiftleft-promptfoo.XXXXXX)
trap 'rm -rf "$work"' EXIT

# promptfoo keeps its database, cache and logs under its config dir: point everything at the temp folder, and
# switch off everything that would reach the network (telemetry, update checks, sharing, remote generation).
export PROMPTFOO_CONFIG_DIR="$work/config" PROMPTFOO_CACHE_PATH="$work/cache" PROMPTFOO_LOG_DIR="$work/logs"
export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_DISABLE_SHARING=1
export PROMPTFOO_DISABLE_REMOTE_GENERATION=1 PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION=1 PROMPTFOO_SELF_HOSTED=1
export PROMPTFOO_DISABLE_ERROR_LOG=1 PROMPTFOO_DISABLE_DEBUG_LOG=1 PROMPTFOO_PASS_RATE_THRESHOLD=0
export IS_TESTING= NO_COLOR=1 FORCE_COLOR=0 DO_NOT_TRACK=1
cp "$here/provider.js" "$work/provider.js"

# $1 run name, $2 provider block, $3..$6 the four question prefixes
record() {
  local name=$1 provider=$2
  cat > "$work/$name.yaml" <<YAML
description: ShiftLeft fixture ($name)
prompts:
  - "Answer the customer from the knowledge base, citing it. {{question}}"
providers:
$provider
defaultTest:
  assert:
    - type: icontains
      value: "[source: kb/"
      metric: groundedness
tests:
  - vars: { question: "$3 How do I get a refund?" }
    assert: [ { type: icontains, value: "refund", metric: relevance } ]
  - vars: { question: "$4 I forgot my password." }
    assert: [ { type: icontains, value: "password", metric: relevance } ]
  - vars: { question: "$5 How long does shipping take?" }
    assert: [ { type: icontains, value: "business days", metric: relevance } ]
  - vars: { question: "$6 Where are my invoices?" }
    assert: [ { type: icontains, value: "Invoices", metric: relevance } ]
YAML
  # promptfoo exits 100 when a test fails; the recorded file is what matters here.
  (cd "$work" && npx --yes promptfoo@0.121.20 eval -c "$name.yaml" -o "$work/$name.json" \
      --no-cache --no-progress-bar --no-table --max-concurrency 1) >"$work/$name.log" 2>&1 || true
  if [ ! -s "$work/$name.json" ]; then cat "$work/$name.log"; echo "promptfoo wrote no $name.json" >&2; exit 1; fi
  cp "$work/$name.json" "$here/$name.json"
  echo "recorded $name.json: $(grep -o '"successes": [0-9]*\|"failures": [0-9]*\|"errors": [0-9]*' "$here/$name.json" | tail -3 | tr '\n' ' ')"
}

local_provider='  - id: file://provider.js
    label: support-assistant-local'
record passing "$local_provider" "[easy]" "[easy]" "[easy]" "[easy]"
record failing "  - id: file://provider.js
    label: support-assistant-local
    config: { quality: bad }" "[easy]" "" "" ""
record erroring "$local_provider" "" "[outage]" "" "[outage]"
record mixed "  - id: file://provider.js
    label: support-assistant-local
    config: { quality: bad }" "[easy]" "" "[outage]" ""
record echo "  - echo" "[easy]" "[easy]" "[easy]" "[easy]"
