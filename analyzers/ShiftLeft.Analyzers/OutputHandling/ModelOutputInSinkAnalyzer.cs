using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Rules;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.OutputHandling
{
    /// <summary>
    /// SL0007: model output — a response's text or structured result, the arguments of a function call the model
    /// requested, a tool's parameters — reaches a dangerous sink (<see cref="OutputSinks"/>: SQL text, process start,
    /// raw HTML, code or type loading, file-system paths, redirects, type-named deserialisation) with no check
    /// (<see cref="OutputSanitizers"/>). The flow is the shared one (Untrusted/), asked with model output as a source.
    /// Reported on the sink call, creation, conversion or assignment. Only operations that name a catalogued sink are
    /// followed: a method without one costs a dictionary look-up per call it makes.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelOutputInSinkAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The Diagnostic.Properties key naming the sink's kind (<see cref="OutputSinkKind"/>), read by the code fix.</summary>
        public const string SinkKindProperty = "SinkKind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RuleCatalog.ModelOutputInDangerousSink);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, shiftLeft) =>
            {
                var sinks = new OutputSinks();
                var sanitizers = new OutputSanitizers(shiftLeft.Options, shiftLeft.Compilation, shiftLeft.MemberWrites);
                start.RegisterOperationAction(
                    operationContext => Analyze(operationContext, shiftLeft, sinks, sanitizers),
                    OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment, OperationKind.Conversion);
            });
        }

        private static void Analyze(OperationAnalysisContext context, ShiftLeftCompilation shiftLeft, OutputSinks sinks, OutputSanitizers sanitizers)
        {
            MemberFacts? facts = null;
            foreach (var sink in sinks.Of(context.Operation))
            {
                if (!GeneratedCode.ShouldAnalyze(context.IsGeneratedCode, context.Operation.Syntax.SyntaxTree))
                {
                    return;
                }

                // A constant (a fixed path, a literal query) is nobody's output: no facts to gather.
                if (sink.Value.ConstantValue.HasValue)
                {
                    continue;
                }

                facts ??= MemberFacts.Gather(OperationScope.GetMemberRoot(context.Operation));
                var sources = shiftLeft.Untrusted.Of(sink.Value, facts, FlowOptions.ModelOutputIsSource, sanitizers.StopsFor(sink.Kind));
                if (ModelOutput(sources) is not { } source || sanitizers.ChecksInMember(sink, facts))
                {
                    continue;
                }

                var syntax = context.Operation.Syntax;
                var location = syntax.GetLocation();
                if (GeneratedCode.IsReportable(location, context.IsGeneratedCode))
                {
                    var properties = FindingIdentity.Properties(RuleCatalog.ModelOutputInDangerousSink.Id, context.ContainingSymbol, syntax, syntax.Span)
                        .Add(SinkKindProperty, sink.Kind.ToString());
                    context.ReportDiagnostic(Diagnostic.Create(RuleCatalog.ModelOutputInDangerousSink, location, properties, Message(source, sink)));
                }

                // One finding per sink: a second dangerous argument of the same call adds nothing to fix.
                return;
            }
        }

        private static UntrustedSource? ModelOutput(UntrustedSources sources)
        {
            if (sources.IsEmpty)
            {
                return null;
            }

            foreach (var source in sources.All)
            {
                if (source.Kind == UntrustedSourceKind.ModelOutput)
                {
                    return source;
                }
            }

            return null;
        }

        private static string Message(UntrustedSource source, in OutputSink sink)
        {
            var what = source.Description;
            what = char.ToUpperInvariant(what[0]) + what.Substring(1);
            return $"{what} reaches {sink.Description} unchecked: {Hint(sink.Kind)}";
        }

        private static string Hint(OutputSinkKind kind) => kind switch
        {
            OutputSinkKind.Sql => "send model-chosen values as SQL parameters (FromSqlInterpolated, ExecuteSqlInterpolated, DbParameter), or check model-written SQL with an output validator (shiftleft.output_validation_methods or [OutputValidator]) and run it read-only",
            OutputSinkKind.Process => "never let the model name a program or write its command line: map its choice to a fixed allow-list with an output validator",
            OutputSinkKind.Html => "encode it (WebUtility.HtmlEncode, HtmlEncoder.Default.Encode) or sanitise it with an output validator",
            OutputSinkKind.Code => "never compile or load what the model writes or names: map its choice to a fixed allow-list with an output validator",
            OutputSinkKind.Path => "keep it inside one folder (Path.GetFullPath(Path.Combine(root, name)) checked with StartsWith(root)) or map it with an output validator",
            OutputSinkKind.Redirect => "redirect with LocalRedirect, check Url.IsLocalUrl first, or map it with an output validator",
            _ => "deserialise model output with TypeNameHandling.None",
        };
    }
}
