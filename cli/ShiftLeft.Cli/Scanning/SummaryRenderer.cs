using ShiftLeft.Build.Publishing;
using Spectre.Console;

namespace ShiftLeft.Cli.Scanning;

/// <summary>The summary at the end of a scan. Everything from the scanned repository is shown as text, never as markup.</summary>
public static class SummaryRenderer
{
    public static void Render(IAnsiConsole console, ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        console.WriteLine();
        console.MarkupLine($"[bold]ShiftLeft scan of {Markup.Escape(Path.GetFileName(result.Target.Path))}[/]");

        var systems = new Table().Border(TableBorder.Rounded).Title("AI systems").AddColumns("System", "Risk tier", "Evidence gate", "Project");
        foreach (var system in result.Publish.Systems.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            systems.AddRow(
                new Text(system.Name),
                new Text(system.RiskTier),
                new Markup(system.GatePassed ? "[green]passed[/]" : "[red]failed[/]"),
                new Text(Path.GetRelativePath(result.Target.Root, system.Project)));
        }

        foreach (var project in result.UndeclaredAiProjects)
        {
            systems.AddRow(new Text("(undeclared)"), new Text("—"), new Markup("[yellow]SL1007[/]"), new Text(project));
        }

        if (systems.Rows.Count == 0)
        {
            console.MarkupLine("AI systems: [grey]none declared in a shiftleft.json and no project references an AI SDK[/]");
        }
        else
        {
            console.Write(systems);
        }

        var findings = new Table().Border(TableBorder.Rounded).Title($"Findings ({result.Findings})").AddColumns("Rule", "Title", "Count");
        foreach (var (rule, count) in result.Publish.ResultsPerRule.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            findings.AddRow(new Text(rule), new Text(RuleCatalog.Title(rule) ?? ""), new Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (findings.Rows.Count > 0)
        {
            console.Write(findings);
        }
        else
        {
            console.MarkupLine("Findings: [green]none[/]");
        }

        var status = result.Build.OtherErrors.Count > 0
            ? $"[red]build failed[/] ({result.Build.OtherErrors.Count} error(s) besides the gate; results may be incomplete, see the build log)"
            : result.GateFailed ? "[red]evidence gate failed[/]" : "[green]passed[/]";
        console.MarkupLine($"Status:    {status}");
        Line(console, "SARIF:     ", result.Publish.SarifPath);
        Line(console, "Evidence:  ", Path.Combine(Path.GetDirectoryName(result.Publish.SarifPath)!, "evidence"));
        Line(console, "Build log: ", result.Build.LogPath);
        if (result.PublishUrl is null)
        {
            console.MarkupLine("Published: [grey]no (--publish <portal url> uploads)[/]");
        }
        else if (result.Publish.Receipt is { } receipt)
        {
            Line(console, "Published: ", $"{result.Publish.Source.Repository}@{result.Publish.Source.Branch ?? "HEAD"} to {result.PublishUrl}, run {receipt.RunId}{(receipt.Replayed ? " (already there: nothing new stored)" : "")} — {receipt.RunUrl}");
        }
        else
        {
            Line(console, "[red]Not published:[/] ", (result.Publish.UploadFailure ?? "the upload failed"));
        }

        console.MarkupLine($"Exit code: {result.ExitCode}");
    }

    /// <summary>A markup label followed by text from the scan, which is never read as markup.</summary>
    private static void Line(IAnsiConsole console, string label, string text)
    {
        console.Write(new Markup(label));
        console.Write(new Text(text + Environment.NewLine));
    }
}
