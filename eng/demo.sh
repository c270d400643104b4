#!/usr/bin/env bash
# The main job (README): packs the ShiftLeft analyzers into artifacts/packages, builds the bundled sample AI
# application (samples/SupportAssistant, real OpenAI / Microsoft.Extensions.AI / Semantic Kernel packages) with the
# packed package, and prints its findings from the compiler's SARIF as a table. Exits 0 when the build succeeds.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

packages=artifacts/packages
out=artifacts/demo
mkdir -p "$packages" "$out"
# A fresh version each run, so NuGet's global package folder never hands the sample an older build of the rules.
version="0.1.0-local.$(date -u +%Y%m%d%H%M%S)"
rm -f "$packages"/ShiftLeft.Analyzers.*.nupkg

echo "==> Packing ShiftLeft.Analyzers $version into $packages"
dotnet pack analyzers/ShiftLeft.Analyzers.Package -c Release -o "$packages" -p:PackageVersion="$version" -nologo -v q

sarif="$PWD/$out/SupportAssistant.sarif"
echo "==> Building samples/SupportAssistant with the packed analyzers"
dotnet build samples/SupportAssistant/SupportAssistant.csproj --no-incremental -nologo -v q \
  -p:ShiftLeftAnalyzersVersion="$version" "-p:ErrorLog=$sarif%2Cversion=2.1" >"$out/build.log" 2>&1 \
  || { cat "$out/build.log"; echo "demo: the sample build failed (log above)" >&2; exit 1; }

# A small C# program (file-based app, outside the repository so no repository props apply) renders the SARIF.
table_dir=$(mktemp -d)
trap 'rm -rf "$table_dir"' EXIT
cat >"$table_dir/SarifTable.cs" <<'CS'
using System.Text.Json;
var (sarifPath, root) = (args[0], Path.GetFullPath(args[1]));
using var document = JsonDocument.Parse(File.ReadAllBytes(sarifPath));
var rows = new List<(string Id, string Level, string Where, string File, int Line, string Message)>();
var suppressed = 0;
foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
{
    if (!run.TryGetProperty("results", out var results)) continue;
    foreach (var result in results.EnumerateArray())
    {
        var id = result.GetProperty("ruleId").GetString() ?? "";
        if (!id.StartsWith("SL", StringComparison.Ordinal)) continue;
        if (result.TryGetProperty("suppressions", out var s) && s.GetArrayLength() > 0) { suppressed++; continue; }
        var (where, file, line) = ("(project)", "", 0);
        if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0)
        {
            var physical = locations[0].GetProperty("physicalLocation");
            file = Path.GetRelativePath(root, new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath);
            line = physical.GetProperty("region").GetProperty("startLine").GetInt32();
            where = $"{file}:{line}";
        }
        rows.Add((id, result.TryGetProperty("level", out var level) ? level.GetString() ?? "warning" : "warning", where, file, line, result.GetProperty("message").GetProperty("text").GetString() ?? ""));
    }
}
rows = rows.OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
var whereWidth = Math.Max(13, rows.Select(r => r.Where.Length).DefaultIfEmpty(0).Max());
Console.WriteLine($"{"ID",-7} {"LEVEL",-8} {"FILE:LINE".PadRight(whereWidth)} MESSAGE");
Console.WriteLine($"{new string('-', 7)} {new string('-', 8)} {new string('-', whereWidth)} {new string('-', 60)}");
foreach (var row in rows) Console.WriteLine($"{row.Id,-7} {row.Level,-8} {row.Where.PadRight(whereWidth)} {row.Message}");
Console.WriteLine();
Console.WriteLine($"{rows.Count} finding(s): " + string.Join(", ", rows.GroupBy(r => r.Id).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")) + $"; {suppressed} suppressed in source.");
CS
echo "==> Findings (SARIF: $out/SupportAssistant.sarif)"
echo
(cd "$table_dir" && dotnet run --file SarifTable.cs -- "$sarif" "$OLDPWD/samples/SupportAssistant" 2>/dev/null) \
  || (cd "$table_dir" && dotnet run SarifTable.cs -- "$sarif" "$OLDPWD/samples/SupportAssistant")
