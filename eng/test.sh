#!/usr/bin/env bash
# The test command (README, .ci/run): installs prerequisites, then runs every test project in the solution.
# Benchmarks are not run here; see docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SHIFTLEFT_TEST_POSTGRES=$(bash eng/install-test-prerequisites.sh | tail -n 1)
export SHIFTLEFT_TEST_POSTGRES
export SHIFTLEFT_CHROMIUM=${SHIFTLEFT_CHROMIUM:-/usr/bin/chromium}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
status=0
# The suites that drive Chromium (the portal's browser tests, the end-to-end tests) run on their own, one after the
# other, after the rest: next to the build tests' real `dotnet build`s on a small machine, page round-trips slowed past
# Playwright's timeouts and failed tests that pass on their own.
dotnet build ShiftLeft.sln -c Release 2>&1 | tee "$log" || status=$?
if [ "$status" -eq 0 ]; then
  dotnet test ShiftLeft.sln -c Release --no-build --filter "FullyQualifiedName!~ShiftLeft.Portal.BrowserTests&FullyQualifiedName!~ShiftLeft.EndToEnd.Tests" \
    --logger "console;verbosity=normal" "$@" 2>&1 | tee -a "$log" || status=$?
  for suite in tests/ShiftLeft.Portal.BrowserTests tests/ShiftLeft.EndToEnd.Tests; do
    dotnet test "$suite" -c Release --no-build \
      --logger "console;verbosity=normal" "$@" 2>&1 | tee -a "$log" || status=$?
  done
fi

# The failures again, near the end where a truncated CI log still shows them: each failed test's name and the
# first lines of its error message.
awk '/^[[:space:]]+Failed [^!]/ { print; shown = 12; next }
     shown > 0 { print; shown-- }' "$log" | sed 's/^/failure: /'

# One plain closing line for CI: the sums over every test project. VSTest closes each project either with
# "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..." (minimal) or with a "Test Run ..." block (normal verbosity).
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  f += $(i+1) + 0
         if ($i == "Passed:")  p += $(i+1) + 0
         if ($i == "Skipped:") s += $(i+1) + 0
       }
       next
     }
     /^Test Run (Successful|Failed|Aborted)/ { block = 1; next }
     block && /^[[:space:]]+Passed:/  { p += $2; next }
     block && /^[[:space:]]+Failed:/  { f += $2; next }
     block && /^[[:space:]]+Skipped:/ { s += $2; next }
     block && /Total time:/ { block = 0 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
