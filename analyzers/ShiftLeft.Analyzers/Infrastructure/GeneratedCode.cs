// Usage (every rule analyzer that reports in source):
//   context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
//   if (!GeneratedCode.ShouldAnalyze(context.IsGeneratedCode, tree)) return;          // generated code is skipped, Razor's is not
//   if (GeneratedCode.IsReportable(location, context.IsGeneratedCode)) context.ReportDiagnostic(...);
// A Razor component's @code block is the developer's own code, compiled from the Razor source generator's output
// (Components_Pages_Chat_razor.g.cs, with #line directives back to Chat.razor). The driver would skip that output as
// generated code, so the rules ask for generated code and skip it themselves, except Razor's; there a finding is
// reported only where the compiler maps it to a .razor or .cshtml line (the developer's code, not the scaffolding), and
// the compiler reports it at that line.
using System;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class GeneratedCode
    {
        /// <summary>False for generated code other than the Razor source generator's output.</summary>
        public static bool ShouldAnalyze(bool isGeneratedCode, SyntaxTree tree) => !isGeneratedCode || IsRazorOutput(tree);

        /// <summary>True outside generated code, and in Razor output where the location maps to a .razor or .cshtml file.</summary>
        public static bool IsReportable(Location location, bool isGeneratedCode)
        {
            if (!isGeneratedCode)
            {
                return true;
            }

            var mapped = location.GetMappedLineSpan();
            return mapped.HasMappedPath && IsRazorFile(mapped.Path);
        }

        private static bool IsRazorOutput(SyntaxTree tree) =>
            tree.FilePath.EndsWith("razor.g.cs", StringComparison.OrdinalIgnoreCase) || tree.FilePath.EndsWith("cshtml.g.cs", StringComparison.OrdinalIgnoreCase);

        private static bool IsRazorFile(string path) =>
            path.EndsWith(".razor", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase);
    }
}
