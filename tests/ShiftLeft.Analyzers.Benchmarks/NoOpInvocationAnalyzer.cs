using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.Benchmarks;

/// <summary>
/// The floors ShiftLeft's analyzers are measured against: analyzers that register like a real rule (concurrent, no
/// generated code) and do (almost) nothing, so what they cost is the analyzer driver's own work.
/// </summary>
public abstract class FloorAnalyzer : DiagnosticAnalyzer
{
    private protected static readonly DiagnosticDescriptor Descriptor = new("FLOOR01", "floor", "floor", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        Register(context);
    }

    private protected abstract void Register(AnalysisContext context);
}

/// <summary>Registers an invocation operation action that does nothing: the driver's floor cost for operation-based analysis.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NoOpInvocationAnalyzer : FloorAnalyzer
{
    private protected override void Register(AnalysisContext context) => context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
}

/// <summary>
/// The registration shape of the personal-data rules with no work in it (block start, an invocation action inside,
/// block end): the driver's own cost for operation-block analyzers, to compare SL0003/SL0004 against.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NoOpOperationBlockAnalyzer : FloorAnalyzer
{
    private protected override void Register(AnalysisContext context) => context.RegisterOperationBlockStartAction(block =>
    {
        block.RegisterOperationAction(_ => { }, OperationKind.Invocation);
        block.RegisterOperationBlockEndAction(_ => { });
    });
}

/// <summary>
/// The no-op floor plus one reported diagnostic per document (at its first <c>GetResponseAsync</c> call). Reporting
/// makes the driver pay once per document for its generated-code check (the [GeneratedCode] symbols of the tree,
/// because of <c>GeneratedCodeAnalysisFlags.None</c>): a cost of any analyzer that reports there, not of ShiftLeft's rules.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReportingNoOpAnalyzer : FloorAnalyzer
{
    private protected override void Register(AnalysisContext context) => context.RegisterOperationAction(
        operation =>
        {
            if (operation.Operation is IInvocationOperation { TargetMethod.Name: "GetResponseAsync" })
                operation.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Operation.Syntax.GetLocation()));
        },
        OperationKind.Invocation);
}
