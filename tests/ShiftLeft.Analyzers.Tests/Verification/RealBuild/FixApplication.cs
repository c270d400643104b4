// Usage: apply a code fix the way an IDE does, to sources compiled against a ThrowawayProject's real references.
//   var result = await FixApplication.ApplyAsync<ModelCallAnalyzer, ModelCallNotAuditLoggedCodeFixProvider>(
//       project, files, ModelCallNotAuditLoggedCodeFixProvider.UseLoggingKey, FixMode.OneByOne, editorConfig);
//   result.Files        // every source after the fix (name → text), ready for project.BuildAsync
//   result.Applied      // how many times the fix was applied (OneByOne) or 1 (FixAll)
//   result.Unfixed      // the fixable diagnostics that were left without this fix, as "SL0001 File.cs(12,5)"
// OneByOne applies the fix to one diagnostic, recomputes the diagnostics, and repeats (as a developer clicking
// through the light bulbs); FixAll applies the provider's Fix All in solution scope once.
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ShiftLeft.Analyzers.Tests.Verification.RealBuild;

public enum FixMode
{
    OneByOne,
    FixAll,
}

public sealed record FixResult(IReadOnlyDictionary<string, string> Files, int Applied, IReadOnlyList<string> Unfixed);

public static class FixApplication
{
    private const int MaxIterations = 50;

    public static async Task<FixResult> ApplyAsync<TAnalyzer, TFix>(
        ThrowawayProject project, IReadOnlyDictionary<string, string> files, string equivalenceKey, FixMode mode, string? editorConfig = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var analyzer = new TAnalyzer();
        var provider = new TFix();
        var (solution, sources) = CreateSolution(project, files, editorConfig);
        var applied = 0;
        if (mode == FixMode.FixAll)
        {
            var diagnostics = await FixableDiagnosticsAsync(solution, analyzer, provider);
            var first = await FirstFixableAsync(solution, diagnostics, provider, equivalenceKey);
            if (first is not null)
            {
                var context = new FixAllContext(
                    solution.GetDocument(first.Value.Document)!, provider, FixAllScope.Solution, equivalenceKey,
                    provider.FixableDiagnosticIds, new KnownDiagnostics(solution, diagnostics), CancellationToken.None);
                var action = await provider.GetFixAllProvider()!.GetFixAsync(context)
                    ?? throw new InvalidOperationException("Fix All returned no action");
                solution = await ApplyAsync(action);
                applied = 1;
            }
        }
        else
        {
            for (var iteration = 0; iteration < MaxIterations; iteration++)
            {
                var diagnostics = await FixableDiagnosticsAsync(solution, analyzer, provider);
                var next = await FirstFixableAsync(solution, diagnostics, provider, equivalenceKey);
                if (next is null)
                {
                    break;
                }

                solution = await ApplyAsync(next.Value.Action);
                applied++;
            }
        }

        var remaining = await FixableDiagnosticsAsync(solution, analyzer, provider);
        var unfixed = new List<string>();
        foreach (var diagnostic in remaining)
        {
            if (await FindActionAsync(solution, diagnostic, provider, equivalenceKey) is null)
            {
                var span = diagnostic.Location.GetLineSpan();
                unfixed.Add($"{diagnostic.Id} {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})");
            }
        }

        var texts = new Dictionary<string, string>();
        foreach (var (name, id) in sources)
        {
            texts[name] = (await solution.GetDocument(id)!.GetTextAsync()).ToString();
        }

        return new FixResult(texts, applied, unfixed);
    }

    private static (Solution Solution, Dictionary<string, DocumentId> Sources) CreateSolution(ThrowawayProject project, IReadOnlyDictionary<string, string> files, string? editorConfig)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new[] { "OPENAI001", "MEAI001", "SKEXP0001", "SKEXP0010" }.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Suppress)));
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "FixedApp", "FixedApp", LanguageNames.CSharp,
            filePath: Path.Combine(project.Folder, "FixedApp.csproj"),
            compilationOptions: options,
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: project.References.Select(path => MetadataReference.CreateFromFile(path))));

        var sources = new Dictionary<string, DocumentId>();
        foreach (var (name, text) in files)
        {
            var id = DocumentId.CreateNewId(projectId, name);
            solution = solution.AddDocument(id, name, SourceText.From(text), filePath: Path.Combine(project.Folder, "src", name));
            sources.Add(name, id);
        }

        foreach (var (name, text) in project.HarnessSources().Append(KeyValuePair.Create("FixedApp.GlobalUsings.g.cs", project.GlobalUsings)))
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId, name), name, SourceText.From(text), filePath: Path.Combine(project.Folder, name));
        }

        solution = solution.AddAnalyzerConfigDocument(
            DocumentId.CreateNewId(projectId, ".editorconfig"), ".editorconfig",
            SourceText.From($"root = true\n\n[*.cs]\n{editorConfig}\n"), filePath: Path.Combine(project.Folder, ".editorconfig"));
        return (solution, sources);
    }

    private static async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(Solution solution, DiagnosticAnalyzer analyzer, CodeFixProvider provider)
    {
        var project = solution.Projects.Single();
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers([analyzer], project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        var failures = diagnostics.Where(diagnostic => diagnostic.Id == "AD0001").ToList();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("The analyzer failed: " + string.Join("\n", failures));
        }

        return diagnostics
            .Where(diagnostic => provider.FixableDiagnosticIds.Contains(diagnostic.Id) && !diagnostic.IsSuppressed && diagnostic.Location.IsInSource)
            .OrderBy(diagnostic => diagnostic.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    private static async Task<(DocumentId Document, CodeAction Action)?> FirstFixableAsync(
        Solution solution, ImmutableArray<Diagnostic> diagnostics, CodeFixProvider provider, string equivalenceKey)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (await FindActionAsync(solution, diagnostic, provider, equivalenceKey) is { } action)
            {
                return (solution.GetDocumentId(diagnostic.Location.SourceTree)!, action);
            }
        }

        return null;
    }

    private static async Task<CodeAction?> FindActionAsync(Solution solution, Diagnostic diagnostic, CodeFixProvider provider, string equivalenceKey)
    {
        var document = solution.GetDocument(diagnostic.Location.SourceTree);
        if (document is null)
        {
            return null;
        }

        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions.FirstOrDefault(action => action.EquivalenceKey == equivalenceKey);
    }

    private static async Task<Solution> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
    }

    /// <summary>The diagnostics computed before the fix, handed to Fix All per document and project.</summary>
    private sealed class KnownDiagnostics(Solution solution, ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(diagnostic => solution.GetDocumentId(diagnostic.Location.SourceTree) == document.Id));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
