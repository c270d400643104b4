using System.Globalization;
using ShiftLeft.Build.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// The YAML front matter of a Markdown artifact: the lines between a first line '---' and the next '---' (or '...').
/// <see cref="BodyLine"/> is the 1-based line of the closing fence (0 without front matter): the body starts on the next line.
/// </summary>
internal sealed record FrontMatter(string? Yaml, bool Unclosed, string Body, int BodyLine)
{
    /// <summary>Front matter beyond this size is not metadata.</summary>
    public const int MaxBytes = 256 * 1024;

    // YamlDotNet parses nesting recursively: 100,000 '[' overflow the stack, which no catch survives. Real front
    // matter nests a handful of levels.
    private const int MaxFlowDepth = 64;
    private const int MaxIndentation = 160;

    /// <summary>Separates the front matter from the Markdown body.</summary>
    public static FrontMatter Split(string text)
    {
        var firstEnd = text.IndexOf('\n');
        var firstLine = (firstEnd < 0 ? text : text.Substring(0, firstEnd)).TrimEnd('\r', ' ', '\t');
        if (firstLine != "---")
        {
            return new FrontMatter(null, false, text, 0);
        }

        var position = firstEnd + 1;
        var line = 1;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var current = (end < 0 ? text.Substring(position) : text.Substring(position, end - position)).TrimEnd('\r', ' ', '\t');
            line++;
            if (current is "---" or "...")
            {
                var body = end < 0 ? string.Empty : text.Substring(end + 1);
                return new FrontMatter(text.Substring(firstEnd + 1, position - firstEnd - 1), false, body, line);
            }

            if (end < 0)
            {
                break;
            }

            position = end + 1;
        }

        return new FrontMatter(null, true, string.Empty, 0);
    }

    /// <summary>Parses the YAML and records what ShiftLeft reads from it.</summary>
    public static void Read(string kind, FrontMatter frontMatter, string displayPath, MarkdownRequirements rules, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics)
    {
        const int firstYamlLine = 2;
        var yaml = frontMatter.Yaml!;
        if (TooDeep(yaml) is { } problem)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, firstYamlLine + problem.Line, 1), $"The YAML front matter of '{displayPath}' {problem.Reason}. Keep front matter to flat keys and short lists, like the model-card templates."));
            return;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            var line = (int)Math.Max(1, ex.Start.Line);
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, firstYamlLine + line - 1, (int)Math.Max(1, ex.Start.Column)), $"The YAML front matter of '{displayPath}' cannot be parsed: {FirstSentence(ex)} Fix the YAML between the '---' lines."));
            return;
        }

        SourceLocation At(YamlNode node) => new(displayPath, firstYamlLine + (int)Math.Max(1, node.Start.Line) - 1, (int)Math.Max(1, node.Start.Column));

        // Empty front matter ("---" then "---", or only comments) is a mapping without keys, not a malformed one.
        var empty = stream.Documents.Count == 0;
        if (!empty && stream.Documents[0].RootNode is not YamlMappingNode)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, At(stream.Documents[0].RootNode), $"The YAML front matter of '{displayPath}' is not a mapping of keys to values. Write 'key: value' lines, e.g. 'model_id: gpt-4o-2024-08-06'."));
            return;
        }

        var map = empty ? new YamlMappingNode() : (YamlMappingNode)stream.Documents[0].RootNode;
        if (rules.RequiresFrontMatter && !rules.FrontMatterKeys.Any(k => map.Children.ContainsKey(new YamlScalarNode(k))))
        {
            var where = empty ? new SourceLocation(displayPath, 1, 1) : At(map);
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, where, $"The front matter of the {kind} '{displayPath}' names no model. Add one of: {string.Join(", ", rules.FrontMatterKeys)} (e.g. 'model_id: gpt-4o-2024-08-06')."));
        }

        foreach (var entry in map.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } key })
            {
                continue;
            }

            var scalar = entry.Value is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;
            switch (key)
            {
                case "model_id" or "base_model" when scalar is not null:
                    content.ModelIds.Add(new Certification(scalar, Place.At(At(entry.Value)), key));
                    break;
                case "prompt_hash" when scalar is not null:
                    content.PromptHashes.Add(new Certification(scalar, Place.At(At(entry.Value)), key));
                    break;
                case "stamped_by" when scalar is not null:
                    content.StampedBy = scalar;
                    break;
                case "stamped_at" when scalar is not null && EvidenceDates.TryParse(scalar, out var stampedAt):
                    content.StampedAt = stampedAt;
                    break;
                case "last_reviewed" or "date" or "last_updated":
                    if (scalar is null || !EvidenceDates.TryParse(scalar, out var date))
                    {
                        diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, At(entry.Value), $"'{key}' in the front matter of '{displayPath}' is not a date. Write it as YYYY-MM-DD."));
                    }
                    else if (content.Date is null || date > content.Date)
                    {
                        content.Date = date;
                        content.DateWhere = Place.At(At(entry.Value));
                    }

                    break;
                case "model-index":
                    HuggingFaceModelIndex.Read(entry.Value, displayPath, At, content, diagnostics);
                    break;
            }
        }

        // One name counts: model_id (ShiftLeft: what the system calls), else Hugging Face's base_model, else the
        // model-index name.
        var chosen = new[] { "model_id", "base_model", "model-index" }.FirstOrDefault(source => content.ModelIds.Any(m => m.Source == source));
        content.ModelIds.RemoveAll(m => m.Source != chosen);
    }

    private static (int Line, string Reason)? TooDeep(string yaml)
    {
        if (yaml.Length > MaxBytes)
        {
            return (0, $"is {yaml.Length:N0} characters long, above the {MaxBytes:N0} a front matter may have");
        }

        int depth = 0, line = 0;
        var lineStart = true;
        var indentation = 0;
        char quote = '\0';
        foreach (var c in yaml)
        {
            if (c == '\n')
            {
                line++;
                lineStart = true;
                indentation = 0;
                continue;
            }

            if (lineStart && c == ' ')
            {
                if (++indentation > MaxIndentation)
                {
                    return (line, $"indents a line by more than {MaxIndentation} spaces");
                }

                continue;
            }

            lineStart = false;
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '[' or '{' && ++depth > MaxFlowDepth)
            {
                return (line, $"nests lists or maps more than {MaxFlowDepth} levels deep");
            }
            else if (c is ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return null;
    }

    private static string FirstSentence(YamlException ex)
    {
        var message = EvidenceDiagnostic.Excerpt((ex.InnerException?.Message ?? ex.Message).Trim());
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        message = cut > 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(cut + 3) : message;
        return message.EndsWith(".", StringComparison.Ordinal) ? message : message + ".";
    }
}
