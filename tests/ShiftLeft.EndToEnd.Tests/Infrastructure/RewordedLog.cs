using System.Text.Json.Nodes;

namespace ShiftLeft.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A build's SARIF log as a later ShiftLeft would write it for the same code with its rules' messages reworded: the
/// portal sees only the log, so a log whose ShiftLeft results carry other message text is exactly what a reworded rule
/// message looks like to it. Everything else (identity keys, locations, fingerprints, rules) stays byte for byte.
/// </summary>
public static class RewordedLog
{
    /// <summary>Writes the rewording of <paramref name="sarif"/> to <paramref name="to"/>; answers how many results it reworded.</summary>
    public static int Write(string sarif, string to, Func<JsonObject, bool> reworded)
    {
        var log = JsonNode.Parse(File.ReadAllText(sarif))!;
        var count = 0;
        foreach (var result in log["runs"]!.AsArray().SelectMany(run => run!["results"]!.AsArray()).OfType<JsonObject>().Where(reworded))
        {
            var message = result["message"]!.AsObject();
            message["text"] = Reword(message["text"]!.GetValue<string>());
            count++;
        }

        File.WriteAllText(to, log.ToJsonString());
        return count;
    }

    /// <summary>The same finding in other words: a fingerprint taken on the text (even with case and digits normalised) would change.</summary>
    public static string Reword(string text) => "Reworded in a later ShiftLeft release (check 2 of 3): " + text.ToUpperInvariant();
}
