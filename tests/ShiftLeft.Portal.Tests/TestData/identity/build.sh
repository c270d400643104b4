#!/usr/bin/env bash
# Re-records shiftleft-v1.sarif and shiftleft-v2.sarif: builds the fixture's two versions with real `dotnet build`s and
# the ShiftLeft analyzers given as $1 (analyzers/ShiftLeft.Analyzers/bin/Release/netstandard2.0/ShiftLeft.Analyzers.dll).
# The sources are kept as .txt so the test project does not compile them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
analyzers="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
for version in v1 v2; do
  work="/tmp/identity-fixture-build/$version"
  rm -rf "$work" && mkdir -p "$work"
  cp "$here/Assistant.csproj.txt" "$work/Assistant.csproj"
  cp "$here/Directory.Build.props.txt" "$work/Directory.Build.props"
  for source in "$here/$version"/*.cs.txt; do cp "$source" "$work/$(basename "$source" .txt)"; done
  if [ -f "$here/$version/editorconfig.txt" ]; then cp "$here/$version/editorconfig.txt" "$work/.editorconfig"; fi
  dotnet build "$work/Assistant.csproj" -nologo -v q -p:ShiftLeftAnalyzers="$analyzers" -p:UseSharedCompilation=false \
    "-p:ErrorLog=$work/shiftleft-$version.sarif%2Cversion=2.1"
  cp "$work/shiftleft-$version.sarif" "$here/"
done
