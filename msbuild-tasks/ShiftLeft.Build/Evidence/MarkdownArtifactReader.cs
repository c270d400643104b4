using System.Globalization;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// Reads Markdown evidence (model cards, data sheets, oversight plans): YAML front matter parsed with YamlDotNet,
/// headings found with Markdig, required sections checked against <see cref="MarkdownRequirements"/>.
/// </summary>
public static class MarkdownArtifactReader
{
    /// <summary>Markdown evidence above this size is not a document a reviewer reads.</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    /// <summary>Parses the file; returns null after adding SL1002 errors when it is unusable.</summary>
    public static ArtifactContent? Read(string kind, string fullPath, string displayPath, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var rules = MarkdownRequirements.For(kind);
        var fix = $"See docs/evidence-gate.md for the required layout of a {kind}.";
        var bytes = TextFiles.ReadUtf8(fullPath, displayPath, RuleIds.ArtifactInvalid, MaxBytes, fix, diagnostics);
        if (bytes is null || TemplatePlaceholder.Report(bytes, displayPath, diagnostics))
        {
            return null;
        }

        var text = new System.Text.UTF8Encoding(false, false).GetString(bytes);
        var document = Markdown.Parse(text, Pipeline);
        var before = diagnostics.Count;
        var content = new ArtifactContent();

        var frontMatter = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        if (frontMatter is null)
        {
            if (rules.RequiresFrontMatter)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, 1, 1), $"The {kind} '{displayPath}' has no YAML front matter. Start the file with a '---' block containing at least {string.Join(" or ", rules.FrontMatterKeys)}."));
            }
        }
        else
        {
            ReadFrontMatter(kind, frontMatter, displayPath, rules, content, diagnostics);
        }

        var headings = document.Descendants<HeadingBlock>()
            .Select(h => (Text: HeadingText(text, h), Line: h.Line + 1))
            .ToList();
        foreach (var section in rules.Sections)
        {
            if (!headings.Any(h => section.Matches(h.Text)))
            {
                var line = headings.Count > 0 ? headings[headings.Count - 1].Line : 1;
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, line, 1), $"The {kind} '{displayPath}' lacks the required section '{section.Title}'. Add a heading '## {section.Title}' (accepted: {string.Join(", ", section.Aliases.Select(a => "'" + a + "'"))}) with its content."));
            }
        }

        if (rules.Sections.Count == 0 && string.IsNullOrWhiteSpace(text.Substring(frontMatter is null ? 0 : Math.Min(text.Length, frontMatter.Span.End + 1))))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, 1, 1), $"The {kind} '{displayPath}' has no content. Write the document the requirement asks for."));
        }

        return diagnostics.Skip(before).Any(d => d.Level == DiagnosticLevel.Error) ? null : content;
    }

    private static void ReadFrontMatter(string kind, YamlFrontMatterBlock block, string displayPath, MarkdownRequirements rules, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics)
    {
        // The block's lines include the '---' fences; YAML line numbers are relative to the first line after the opening fence.
        var lines = block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString()).ToList();
        var yaml = string.Join("\n", lines.Where(l => l.Trim() != "---" && l.Trim() != "..."));
        var firstYamlLine = block.Line + 2;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, firstYamlLine + (int)ex.Start.Line - 1, (int)ex.Start.Column), $"The YAML front matter of '{displayPath}' cannot be parsed: {FirstSentence(ex)} Fix the YAML between the '---' lines."));
            return;
        }

        SourceLocation At(YamlNode node) => new(displayPath, firstYamlLine + (int)node.Start.Line - 1, (int)node.Start.Column);

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            var where = stream.Documents.Count == 0 ? new SourceLocation(displayPath, block.Line + 1, 1) : At(stream.Documents[0].RootNode);
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, where, $"The YAML front matter of '{displayPath}' is not a mapping of keys to values. Write 'key: value' lines, e.g. 'model_id: gpt-4o-2024-08-06'."));
            return;
        }

        if (rules.RequiresFrontMatter && !rules.FrontMatterKeys.Any(k => map.Children.ContainsKey(new YamlScalarNode(k))))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, At(map), $"The front matter of the {kind} '{displayPath}' names no model. Add one of: {string.Join(", ", rules.FrontMatterKeys)} (e.g. 'model_id: gpt-4o-2024-08-06')."));
        }

        foreach (var entry in map.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } key })
            {
                continue;
            }

            switch (key)
            {
                case "model_id" or "base_model":
                    // model_id (ShiftLeft) wins over base_model (Hugging Face) whichever comes first.
                    if (entry.Value is YamlScalarNode { Value: { Length: > 0 } modelId } && (key == "model_id" || content.CertifiedModelId is null))
                    {
                        content.CertifiedModelId = modelId;
                        content.ModelIdLocation = At(entry.Value);
                    }

                    break;
                case "prompt_hash" when entry.Value is YamlScalarNode { Value: { Length: > 0 } hash }:
                    content.CertifiedPromptHash = hash;
                    content.PromptHashLocation = At(entry.Value);
                    break;
                case "last_reviewed" or "date" or "last_updated":
                    if (entry.Value is not YamlScalarNode { Value: { } dateText } || !TryParseDate(dateText, out var date))
                    {
                        diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, At(entry.Value), $"'{key}' in the front matter of '{displayPath}' is not a date. Write it as YYYY-MM-DD."));
                    }
                    else if (content.Date is null || date > content.Date)
                    {
                        content.Date = date;
                        content.DateLocation = At(entry.Value);
                    }

                    break;
                case "model-index":
                    HuggingFaceModelIndex.Read(entry.Value, displayPath, At, content, diagnostics);
                    break;
            }
        }
    }

    /// <summary>Accepts YYYY-MM-DD or a full ISO-8601 timestamp; dates without an offset are UTC.</summary>
    public static bool TryParseDate(string text, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date)
        && System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}");

    private static string HeadingText(string source, HeadingBlock heading)
    {
        var line = source.Substring(heading.Span.Start, Math.Max(0, Math.Min(heading.Span.Length, source.Length - heading.Span.Start)));
        var cut = line.IndexOf('\n');
        return (cut >= 0 ? line.Substring(0, cut) : line).TrimStart('#', ' ', '\t').TrimEnd('#', ' ', '\t', '\r');
    }

    private static string FirstSentence(YamlException ex)
    {
        var message = (ex.InnerException?.Message ?? ex.Message).Trim();
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        message = cut > 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(cut + 3) : message;
        return message.EndsWith(".", StringComparison.Ordinal) ? message : message + ".";
    }
}
