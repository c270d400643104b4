using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Analyzers.Benchmarks;

/// <summary>The code a build-share measurement analyses: the generated <see cref="Corpus"/> or a <see cref="RealProject"/>.</summary>
public interface IBenchmarkSubject
{
    string Description { get; }

    /// <summary>The analyzer options (ShiftLeft's .editorconfig settings) the analyzers are given.</summary>
    AnalyzerOptions Options { get; }

    ImmutableArray<SyntaxTree> ParseAll();

    /// <summary>A fresh compilation of <paramref name="trees"/>: nothing bound by an earlier round is reused.</summary>
    CSharpCompilation Compile(ImmutableArray<SyntaxTree> trees, bool concurrentBuild);
}
