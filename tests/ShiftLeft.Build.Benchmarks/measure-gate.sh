#!/usr/bin/env bash
# Measures the evidence gate's cost inside real builds of a fixture (docs/performance.md, "Evidence gate").
# Usage: tests/ShiftLeft.Build.Benchmarks/measure-gate.sh [runs]   (default 10)
#        tests/ShiftLeft.Build.Benchmarks/measure-gate.sh [runs] [metrics]
#   With a metric count the evaluation holds that many values (ShiftLeft format) and only the cold builds are
#   measured [runs] times: the gate's time in a real build (fresh node, JIT included) against the number of values.
# Packs ShiftLeft.Build to a temp feed, writes a passing high-tier fixture outside the repository, then reads
# MSBuild's PerformanceSummary: the gate's targets on a cold build (obj deleted) and on up-to-date rebuilds,
# plus whole-build wall time with the gate on and off.
set -euo pipefail
runs=${1:-10}
metrics=${2:-}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/shiftleft-gate-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/packages" MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_NOLOGO=1
version="0.1.0-bench.$(date +%s)"
dotnet pack "$repo/msbuild-tasks/ShiftLeft.Build/ShiftLeft.Build.csproj" -c Release -o "$work/feed" -p:PackageVersion="$version" -nodeReuse:false >/dev/null

fx="$work/fixture"; mkdir -p "$fx/src/Support/Prompts" "$fx/docs/ai/support" "$fx/eval/support"
today=$(date -u +%F)
cat > "$fx/nuget.config" <<XML
<configuration><packageSources><clear /><add key="feed" value="$work/feed" /></packageSources>
<fallbackPackageFolders><add key="machine" value="$HOME/.nuget/packages" /></fallbackPackageFolders></configuration>
XML
for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' > "$fx/$f"; done
cat > "$fx/src/Support/Support.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
<ItemGroup><PackageReference Include="ShiftLeft.Build" Version="$version" /></ItemGroup></Project>
XML
echo "You are the support assistant." > "$fx/src/Support/Prompts/system.txt"
cat > "$fx/shiftleft.json" <<JSON
{ "systems": [{ "name": "support-assistant", "owner": "team-support", "riskTier": "limited",
  "projects": ["src/Support/*.csproj"], "model": { "id": "gpt-4o-2024-08-06", "promptFiles": ["src/Support/Prompts/**/*.txt"] },
  "evidence": { "modelCard": "docs/ai/support/model-card.md", "evaluation": "eval/support/results.json" },
  "thresholds": { "groundedness": ">= 4" } }] }
JSON
printf -- "---\nmodel_id: gpt-4o-2024-08-06\nlast_reviewed: %s\n---\n# Card\n## Model details\nx\n## Intended use\nx\n## Limitations\nx\n## Evaluation\nx\n" "$today" > "$fx/docs/ai/support/model-card.md"
{ printf '{ "format": "shiftleft-evaluation", "version": "1", "date": "%s", "modelId": "gpt-4o-2024-08-06", "metrics": [\n' "$today"
  awk -v n="${metrics:-1}" 'BEGIN { for (i = 1; i <= n; i++) printf "  { \"name\": \"groundedness\", \"value\": 4.4 }%s\n", (i < n ? "," : "") }'
  printf '] }\n'; } > "$fx/eval/support/results.json"

cd "$fx/src/Support"
dotnet restore -nodeReuse:false >/dev/null
# A reviewer certifies the card and the evaluation for the current model and prompts (the gate requires it).
for artifact in docs/ai/support/model-card.md eval/support/results.json; do
  dotnet msbuild -nodeReuse:false -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact=$artifact >/dev/null
done
gate_ms() { grep -E '^\s+[0-9]+ ms  (ShiftLeftEvidenceGate|_ShiftLeftCollectGateInputs|_ShiftLeftPublishReport|_ShiftLeftReplayDiagnostics) ' | awk '{s+=$1} END {print s+0}'; }
build() { dotnet build --no-restore -nodeReuse:false -clp:PerformanceSummary "$@"; }

echo "cold (obj/bin deleted, restore kept), gate targets in ms${metrics:+ ($metrics metric values)}:"
for i in $(seq 1 "$([ -n "$metrics" ] && echo "$runs" || echo 3)"); do
  rm -rf bin obj/Debug
  build > "$work/out" || { echo "build failed:" >&2; tail -20 "$work/out" >&2; exit 1; }
  gate_ms < "$work/out"
done
[ -n "$metrics" ] && exit 0
echo "up-to-date rebuilds, gate targets in ms (target: < 50):"
build >/dev/null
for i in $(seq 1 "$runs"); do build | gate_ms; done | sort -n | awk '{a[NR]=$1} END {printf "min %d  median %d  max %d  (n=%d)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'
echo "up-to-date whole build wall time, gate on vs off, runs interleaved (s):"
for mode in true false; do build -p:ShiftLeftEvidenceGateEnabled=$mode >/dev/null; done
for i in $(seq 1 "$runs"); do
  for mode in true false; do
    # A global property change makes MSBuild re-evaluate; the warm-up builds above took the first-build cost.
    t=$( { /usr/bin/time -f %e dotnet build --no-restore -nodeReuse:false -p:ShiftLeftEvidenceGateEnabled=$mode >"$work/out" || echo "build failed: $(tail -5 "$work/out")" >&2; } 2>&1 | tail -1 )
    echo "$t" >> "$work/wall-$mode"
  done
done
for mode in true false; do
  sort -n "$work/wall-$mode" | awk -v m="$mode" '{a[NR]=$1} END {printf "enabled=%s  min %.2f  median %.2f  max %.2f  (n=%d)\n", m, a[1], a[int((NR+1)/2)], a[NR], NR}'
done
