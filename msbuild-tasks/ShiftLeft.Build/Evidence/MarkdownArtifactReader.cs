using Markdig;
using Markdig.Syntax;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Files;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// Reads Markdown evidence (model cards, data sheets, oversight plans): YAML front matter between '---' lines (read by
/// <see cref="FrontMatter"/>), headings found with Markdig, required sections checked against
/// <see cref="MarkdownRequirements"/>.
/// </summary>
public static class MarkdownArtifactReader
{
    /// <summary>Markdown evidence above this size is not a document a reviewer reads.</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>Whether a path names a Markdown artifact (.md, .markdown).</summary>
    public static bool Handles(string path) =>
        Path.GetExtension(path).Equals(".md", StringComparison.OrdinalIgnoreCase) || Path.GetExtension(path).Equals(".markdown", StringComparison.OrdinalIgnoreCase);

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    /// <summary>Parses checked UTF-8 text; returns null after adding SL1002 errors when it is unusable.</summary>
    public static ArtifactContent? Read(string kind, ReadOnlyMemory<byte> bytes, string displayPath, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var rules = MarkdownRequirements.For(kind);
        var text = System.Text.Encoding.UTF8.GetString(bytes.Span);
        var before = diagnostics.Count;
        var content = new ArtifactContent();

        var frontMatter = FrontMatter.Split(text);
        if (frontMatter.Unclosed)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, 1, 1), $"The front matter of '{displayPath}' opens with '---' on line 1 but is never closed. End it with a line holding only '---' before the document's first heading."));
            return null;
        }

        if (frontMatter.Yaml is null)
        {
            if (rules.RequiresFrontMatter)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, 1, 1), $"The {kind} '{displayPath}' has no YAML front matter. Start the file with a '---' block containing at least {string.Join(" or ", rules.FrontMatterKeys)}."));
            }
        }
        else
        {
            FrontMatter.Read(kind, frontMatter, displayPath, rules, content, diagnostics);
        }

        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(frontMatter.Body, Pipeline);
        }
        catch (ArgumentException ex)
        {
            // Markdig refuses input nested beyond its depth limit instead of overflowing the stack.
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, frontMatter.BodyLine + 1, 1), $"'{displayPath}' cannot be read as Markdown: {EvidenceDiagnostic.Excerpt(ex.Message)} Write a plain document with headings and paragraphs."));
            return null;
        }

        var headings = document.Descendants<HeadingBlock>()
            .Select(h => (Text: HeadingText(frontMatter.Body, h), Line: h.Line + frontMatter.BodyLine + 1))
            .ToList();
        foreach (var section in rules.Sections)
        {
            if (!headings.Any(h => section.Matches(h.Text)))
            {
                var line = headings.Count > 0 ? headings[headings.Count - 1].Line : frontMatter.BodyLine + 1;
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, line, 1), $"The {kind} '{displayPath}' lacks the required section '{section.Title}'. Add a heading '## {section.Title}' (accepted: {string.Join(", ", section.Aliases.Select(a => "'" + a + "'"))}) with its content."));
            }
        }

        if (rules.Sections.Count == 0 && string.IsNullOrWhiteSpace(frontMatter.Body))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, new SourceLocation(displayPath, 1, 1), $"The {kind} '{displayPath}' has no content. Write the document the requirement asks for."));
        }

        return diagnostics.Skip(before).Any(d => d.Level == DiagnosticLevel.Error) ? null : content;
    }

    private static string HeadingText(string source, HeadingBlock heading)
    {
        var start = Math.Clamp(heading.Span.Start, 0, source.Length);
        var line = source.Substring(start, Math.Clamp(heading.Span.Length, 0, source.Length - start));
        var cut = line.IndexOf('\n');
        return (cut >= 0 ? line.Substring(0, cut) : line).TrimStart('#', ' ', '\t').TrimEnd('#', ' ', '\t', '\r');
    }
}
