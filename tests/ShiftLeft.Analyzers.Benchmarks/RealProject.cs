using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ShiftLeft.Analyzers.Benchmarks;

/// <summary>
/// A real project, read from its compiler command line (the <c>csc</c> arguments <c>dotnet build -v:d</c> prints, one per
/// line in a response file; run from the project's folder, where its relative paths start): its sources, references,
/// options and <c>.editorconfig</c> settings, parsed by Roslyn's own command-line parser. Its source generators run
/// once, before any timing, and their output is analysed like the rest: a build runs them before the analyzers, and the
/// compile they are left out of is the denominator, so the share comes out no smaller than a build's.
/// </summary>
public sealed class RealProject : IBenchmarkSubject
{
    private readonly CSharpCommandLineArguments _arguments;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly ImmutableArray<SyntaxTree> _generated;

    private RealProject(string name, CSharpCommandLineArguments arguments, ImmutableArray<MetadataReference> references, ImmutableArray<SyntaxTree> generated, AnalyzerOptions options)
    {
        Description = name;
        _arguments = arguments;
        _references = references;
        _generated = generated;
        Options = options;
    }

    public string Description { get; }

    public AnalyzerOptions Options { get; }

    public static RealProject FromResponseFile(string path)
    {
        var baseDirectory = Environment.CurrentDirectory;
        // The project's own command line, less any ShiftLeft analyzer it was built with: the benchmark adds its own.
        var lines = File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !(line.StartsWith("/analyzer:", StringComparison.Ordinal) && line.Contains("ShiftLeft", StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        var arguments = CSharpCommandLineParser.Default.Parse(lines, baseDirectory, sdkDirectory: null);
        var errors = arguments.Errors.Where(error => error.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{path}: " + string.Join("; ", errors));
        }

        var references = arguments.MetadataReferences
            .Select(reference => (MetadataReference)MetadataReference.CreateFromFile(Path.GetFullPath(reference.Reference, baseDirectory)))
            .ToImmutableArray();
        var configs = arguments.AnalyzerConfigPaths.Select(config => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(config)), config)).ToArray();
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new EditorConfigOptions(AnalyzerConfigSet.Create(configs)));

        // The generators' output, once: every round then compiles the same trees.
        var generators = arguments.AnalyzerReferences
            .SelectMany(reference => new AnalyzerFileReference(Path.GetFullPath(reference.FilePath, baseDirectory), PathLoader.Instance).GetGenerators(LanguageNames.CSharp))
            .ToArray();
        var sources = ParseSources(arguments);
        CSharpGeneratorDriver.Create(generators, parseOptions: arguments.ParseOptions, optionsProvider: options.AnalyzerConfigOptionsProvider)
            .RunGeneratorsAndUpdateCompilation(Compile(arguments, references, sources, concurrentBuild: true), out var generated, out _);
        return new RealProject(Path.GetFileNameWithoutExtension(arguments.OutputFileName ?? path), arguments, references, generated.SyntaxTrees.Skip(sources.Length).ToImmutableArray(), options);
    }

    public ImmutableArray<SyntaxTree> ParseAll() => ParseSources(_arguments).AddRange(_generated);

    public CSharpCompilation Compile(ImmutableArray<SyntaxTree> trees, bool concurrentBuild) => Compile(_arguments, _references, trees, concurrentBuild);

    private static CSharpCompilation Compile(CSharpCommandLineArguments arguments, ImmutableArray<MetadataReference> references, ImmutableArray<SyntaxTree> trees, bool concurrentBuild) =>
        CSharpCompilation.Create(arguments.CompilationName, trees, references, arguments.CompilationOptions.WithConcurrentBuild(concurrentBuild));

    private static ImmutableArray<SyntaxTree> ParseSources(CSharpCommandLineArguments arguments) =>
        arguments.SourceFiles
            .Select(source => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(source.Path), System.Text.Encoding.UTF8), arguments.ParseOptions, source.Path))
            .ToImmutableArray();

    /// <summary>The project's .editorconfig settings per file, as the compiler hands them to analyzers.</summary>
    private sealed class EditorConfigOptions(AnalyzerConfigSet configs) : AnalyzerConfigOptionsProvider
    {
        // Asked per file from inside the analyses being timed: each path's settings are computed once, as the compiler does.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AnalyzerConfigOptions> _byPath = new(StringComparer.Ordinal);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(configs.GlobalConfigOptions.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => For(tree.FilePath);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => For(textFile.Path);

        private AnalyzerConfigOptions For(string path) =>
            _byPath.GetOrAdd(path, key => new Options(configs.GetOptionsForSourcePath(key).AnalyzerOptions));

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }

    private sealed class PathLoader : IAnalyzerAssemblyLoader
    {
        public static readonly PathLoader Instance = new();

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
