#!/usr/bin/env bash
# The main job (README, first command): the whole toolchain on the bundled sample AI applications.
#   1. packs ShiftLeft.Analyzers and ShiftLeft.Build into artifacts/packages (a version named after their sources, so
#      an unchanged tree reuses the packages and NuGet's cache can never serve an older build under the same version);
#   2. starts the portal on its embedded SQLite default (portal/ShiftLeft.Portal/App_Data) at http://127.0.0.1:5080,
#      or uses the one already listening there;
#   3. gets an ingestion token without a person: the portal's `tokens create` operator command writes it, owner-only,
#      to artifacts/demo/ingestion-token (only its hash is stored); a later run reuses it;
#   4. builds samples/SupportAssistant (limited tier, its gate passes) and samples/ClaimsTriage (high tier, its gate
#      fails) with the packed packages; each solution build publishes its findings and evidence to the portal by itself
#      (Directory.Solution.targets), from the CI variables or git;
#   5. prints what was published, the portal's URL and how to sign in, and keeps serving until Ctrl+C.
# A second run is idempotent: unchanged builds give the same content, which the portal recognises and does not store again.
#
# Options (the end-to-end test uses them to run these same builds against a portal of its own):
#   --portal URL --token-file FILE   publish to this portal with this token; start none and do not keep serving
#   --samples DIR                    build the samples in DIR (copies of samples/) instead of samples/
#   --packages DIR --version V       use ShiftLeft packages already packed in DIR with version V
#   --out DIR                        write logs, SARIF and evidence there instead of artifacts/demo
#   --no-serve                       stop the portal this run started once the builds are published
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

portal_url="" token_file="" samples="$repo/samples" packages="$repo/artifacts/packages" version="" serve=1 out=$repo/artifacts/demo
while [ $# -gt 0 ]; do
  case "$1" in
    --portal) portal_url=$2; shift 2 ;;
    --token-file) token_file=$2; shift 2 ;;
    --samples) samples=$(cd "$2" && pwd); shift 2 ;;
    --packages) packages=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --out) mkdir -p "$2"; out=$(cd "$2" && pwd); shift 2 ;;
    --no-serve) serve=0; shift ;;
    *) echo "demo: unknown option $1 (see the comment at the top of eng/demo.sh)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out" "$packages"
[ -z "$portal_url" ] || [ -n "$token_file" ] || { echo "demo: --portal needs --token-file" >&2; exit 2; }

# 1. Packages ------------------------------------------------------------------------------------------------------
if [ -z "$version" ]; then
  sources_hash=$( { git ls-files -s analyzers msbuild-tasks docs/rules docs/schema Directory.Build.props Directory.Build.targets Directory.Packages.props;
                    git diff HEAD -- analyzers msbuild-tasks docs/rules docs/schema Directory.Build.props Directory.Build.targets Directory.Packages.props;
                    git ls-files -o --exclude-standard analyzers msbuild-tasks docs/rules docs/schema | xargs -r cat; } | sha256sum | cut -c1-12)
  version="0.1.0-local.h$sources_hash"
  for package in ShiftLeft.Analyzers:analyzers/ShiftLeft.Analyzers.Package ShiftLeft.Build:msbuild-tasks/ShiftLeft.Build; do
    id=${package%%:*}; project=${package#*:}
    if [ ! -f "$packages/$id.$version.nupkg" ]; then
      echo "==> Packing $id $version into ${packages#$repo/}"
      dotnet pack "$project" -c Release -o "$packages" -p:PackageVersion="$version" -nologo -v q >"$out/pack-$id.log" 2>&1 \
        || { cat "$out/pack-$id.log"; echo "demo: packing $id failed (log above)" >&2; exit 1; }
    fi
  done
fi

# 2. Portal ----------------------------------------------------------------------------------------------------------
portal_pid="" setup_hint=""
if [ -z "$portal_url" ]; then
  portal_url=http://127.0.0.1:5080
  if curl -fsS -o /dev/null "$portal_url/openapi/v1.json" 2>/dev/null; then
    echo "==> Using the portal already listening at $portal_url"
  else
    echo "==> Building and starting the portal at $portal_url (SQLite: portal/ShiftLeft.Portal/App_Data/shiftleft-portal.db)"
    dotnet build portal/ShiftLeft.Portal -c Release -nologo -v q >"$out/portal-build.log" 2>&1 \
      || { cat "$out/portal-build.log"; echo "demo: the portal build failed (log above)" >&2; exit 1; }
    # Started from its project folder, so its content root and database are those of `dotnet run --project`.
    (cd portal/ShiftLeft.Portal && exec dotnet bin/Release/net10.0/ShiftLeft.Portal.dll --urls "$portal_url") >"$out/portal.log" 2>&1 &
    portal_pid=$!
    trap '[ -n "$portal_pid" ] && kill "$portal_pid" 2>/dev/null; wait 2>/dev/null || true' EXIT INT TERM
    for _ in $(seq 1 120); do
      curl -fsS -o /dev/null "$portal_url/openapi/v1.json" 2>/dev/null && break
      kill -0 "$portal_pid" 2>/dev/null || { cat "$out/portal.log"; echo "demo: the portal exited (log above)" >&2; exit 1; }
      sleep 1
    done
    curl -fsS -o /dev/null "$portal_url/openapi/v1.json" || { cat "$out/portal.log"; echo "demo: the portal did not start (log above)" >&2; exit 1; }
    sleep 1 # the setup link is printed once the server listens
    setup_hint=$(grep -Eo 'https?://[^ ]*/setup\?code=[A-Za-z0-9_%-]+' "$out/portal.log" | tail -n 1 || true)
  fi

  # 3. Token: the operator command, once; later runs reuse the file.
  token_file=$out/ingestion-token
  if [ ! -s "$token_file" ]; then
    echo "==> Creating an ingestion token for the demo (portal operator command; only its hash is stored)"
    (cd portal/ShiftLeft.Portal && dotnet bin/Release/net10.0/ShiftLeft.Portal.dll tokens create --name "demo (eng/demo.sh)" \
      --repository shiftleft-samples/support-assistant --repository shiftleft-samples/claims-triage --output "$token_file") 2>&1 | sed 's/^/    /'
  fi
fi
[ -s "$token_file" ] || { echo "demo: no ingestion token in $token_file" >&2; exit 1; }

# 4. Sample builds, each publishing by itself -----------------------------------------------------------------------
# name:solution:expected exit status of its build
builds="support-assistant:SupportAssistant/SupportAssistant.slnx:0 claims-triage:ClaimsTriage/ClaimsTriage.slnx:1"
for entry in $builds; do
  name=${entry%%:*}; rest=${entry#*:}; solution=${rest%%:*}; expected=${rest#*:}
  echo "==> Building samples/$solution (publishing to $portal_url)"
  status=0
  SHIFTLEFT_PORTAL_URL=$portal_url SHIFTLEFT_TOKEN_FILE=$token_file \
    dotnet build "$samples/$solution" -c Release -nologo -v m -nodeReuse:false \
      -p:ShiftLeftAnalyzersVersion="$version" -p:ShiftLeftBuildVersion="$version" \
      -p:RestoreAdditionalProjectSources="$packages" -p:ShiftLeftPublishDirectory="$out/$name/" \
      >"$out/$name.build.log" 2>&1 || status=$?
  grep -E '^ *ShiftLeft: |warning SL110|error SL110' "$out/$name.build.log" | sed 's/^ */    /' | sort -u || true
  if [ "$status" -ne "$expected" ]; then
    cat "$out/$name.build.log"
    echo "demo: building $solution exited $status, expected $expected (log above)" >&2
    exit 1
  fi
  [ "$expected" -eq 0 ] && echo "    build passed; its evidence gate passed" || echo "    build failed, as it should: its evidence gate fails (errors in ${out#$repo/}/$name.build.log)"
  grep -q "ShiftLeft: published" "$out/$name.build.log" || { echo "demo: $solution was not published (log: $out/$name.build.log)" >&2; exit 1; }
done

# 5. Where to look -------------------------------------------------------------------------------------------------
echo
echo "ShiftLeft portal: $portal_url"
if [ -n "$setup_hint" ]; then
  echo "Sign in: no administrator exists yet. Open this one-time link to create the first one (it expires; restarting the portal prints a new one):"
  echo "    $setup_hint"
elif [ -n "$portal_pid" ]; then
  echo "Sign in: $portal_url/account/signin with the administrator created earlier."
else
  echo "Sign in: $portal_url/account/signin (before the first administrator exists, with the setup link that portal printed when it started)."
fi
echo "SARIF and evidence of each sample: ${out#$repo/}/support-assistant/, ${out#$repo/}/claims-triage/ (publish.json says what was published)"
echo "Upload by hand (README, Portal): export SHIFTLEFT_TOKEN=\$(cat ${token_file#$repo/}) and run its curl example."
if [ -n "$portal_pid" ] && [ "$serve" -eq 1 ]; then
  echo "Serving until Ctrl+C (portal log: ${out#$repo/}/portal.log)."
  wait "$portal_pid"
fi
