using System.Globalization;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Tasks;

/// <summary>
/// A finding as it reaches the build log — error, warning or message per ShiftLeftEvidenceSeverity — and as it is
/// cached for up-to-date builds, which replay it instead of losing it: one line per finding, tab-separated fields.
/// </summary>
internal sealed record LoggedDiagnostic(string Level, string Code, string File, int Line, int Column, string Message)
{
    public static LoggedDiagnostic From(EvidenceDiagnostic diagnostic, string severity, string file)
    {
        var level = severity == "None" ? "message" : diagnostic.Level == DiagnosticLevel.Error && severity == "Error" ? "error" : "warning";
        return new LoggedDiagnostic(level, diagnostic.Code, file, diagnostic.Location.Line, diagnostic.Location.Column, diagnostic.Message);
    }

    public void LogTo(TaskLoggingHelper log)
    {
        var help = RuleIds.HelpLink(Code);
        switch (Level)
        {
            case "error":
                log.LogError(null, Code, null, help, File, Line, Column, 0, 0, Message);
                break;
            case "warning":
                log.LogWarning(null, Code, null, help, File, Line, Column, 0, 0, Message);
                break;
            default:
                log.LogMessage(MessageImportance.Normal, $"{File}({Line},{Column}): {Code}: {Message}");
                break;
        }
    }

    /// <summary>One line per finding; messages are single-line already, tabs never occur in them.</summary>
    public static string Serialize(IEnumerable<LoggedDiagnostic> diagnostics)
    {
        var text = new StringBuilder("# ShiftLeft.Build: findings of the last passing gate run, replayed by up-to-date builds.\n");
        foreach (var d in diagnostics.Where(d => d.Level != "error"))
        {
            text.Append(d.Level).Append('\t').Append(d.Code).Append('\t').Append(Clean(d.File)).Append('\t')
                .Append(d.Line.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(d.Column.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(Clean(d.Message)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The findings of a replay file; lines that are not findings are skipped.</summary>
    public static IEnumerable<LoggedDiagnostic> Parse(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            if (fields.Length == 6 && fields[0] is "warning" or "message"
                && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var column))
            {
                yield return new LoggedDiagnostic(fields[0], fields[1], fields[2], number, column, fields[5]);
            }
        }
    }

    private static string Clean(string text) => EvidenceDiagnostic.OneLine(text).Replace('\t', ' ');
}
