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
# and three runs of 40 questions whose tests carry a cohort, as the test variable `language` (en, fr, de) and the
# test metadata key `region` (us, eu), for regression against a baseline and fairness per cohort:
#   cohorts-baseline.json   39 of 40 pass (fr: 1 failure)
#   cohorts-noise.json      37 of 40 pass (en: 1, fr: 2 failures): a drop within the noise of 40 samples
#   cohorts-regressed.json  27 of 40 pass (fr: 12 failures, de: 1): a real regression, and a gap between cohorts
# Arguments record only the runs named (e.g. `record.sh cohorts-noise`); none records every run.
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

wanted() {
  [ ${#only[@]} -eq 0 ] && return 0
  local name
  for name in "${only[@]}"; do [ "$name" = "$1" ] && return 0; done
  return 1
}
only=("$@")

# Runs promptfoo on $work/$1.yaml and keeps its results file as $1.json.
run() {
  local name=$1
  # promptfoo exits 100 when a test fails; the recorded file is what matters here.
  (cd "$work" && npx --yes promptfoo@0.121.20 eval -c "$name.yaml" -o "$work/$name.json" \
      --no-cache --no-progress-bar --no-table --max-concurrency 1) >"$work/$name.log" 2>&1 || true
  if [ ! -s "$work/$name.json" ]; then cat "$work/$name.log"; echo "promptfoo wrote no $name.json" >&2; exit 1; fi
  cp "$work/$name.json" "$here/$name.json"
  echo "recorded $name.json: $(grep -o '"successes": [0-9]*\|"failures": [0-9]*\|"errors": [0-9]*' "$here/$name.json" | tail -3 | tr '\n' ' ')"
}

# $1 run name, $2 provider block, $3..$6 the four question prefixes
record() {
  local name=$1 provider=$2
  wanted "$name" || return 0
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
  run "$name"
}

# $1 run name, then per cohort "<language> <region> <questions> <of them answered badly>".
record_cohorts() {
  local name=$1
  shift
  wanted "$name" || return 0
  local questions=("How do I get a refund?" "I forgot my password." "How long does shipping take?" "Where are my invoices?")
  local expected=("refund" "password" "business days" "Invoices")
  {
    echo "description: ShiftLeft fixture ($name)"
    echo "prompts:"
    echo "  - \"Answer the customer from the knowledge base, citing it. {{question}}\""
    echo "providers:"
    echo "  - id: file://provider.js"
    echo "    label: support-assistant-local"
    echo "    config: { quality: bad }"
    echo "defaultTest:"
    echo "  assert:"
    echo "    - type: icontains"
    echo "      value: \"[source: kb/\""
    echo "      metric: groundedness"
    echo "tests:"
    local cohort language region count bad i topic prefix
    for cohort in "$@"; do
      read -r language region count bad <<<"$cohort"
      for ((i = 0; i < count; i++)); do
        topic=$((i % 4))
        # The first <bad> questions of the cohort lack the [easy] marker, so the provider answers them badly.
        prefix="[easy] "
        [ "$i" -lt "$bad" ] && prefix=""
        echo "  - vars: { question: \"$prefix${questions[$topic]} (#$language-$i)\", language: $language }"
        echo "    metadata: { region: $region }"
        echo "    assert: [ { type: icontains, value: \"${expected[$topic]}\", metric: relevance } ]"
      done
    done
  } > "$work/$name.yaml"
  run "$name"
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
record_cohorts cohorts-baseline "en us 18 0" "fr eu 18 1" "de eu 4 0"
record_cohorts cohorts-noise "en us 18 1" "fr eu 18 2" "de eu 4 0"
record_cohorts cohorts-regressed "en us 18 0" "fr eu 18 12" "de eu 4 1"
