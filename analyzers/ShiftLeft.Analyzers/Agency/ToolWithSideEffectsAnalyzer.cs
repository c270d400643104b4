using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.Agency
{
    /// <summary>
    /// SL0008: a tool that acts on the world (<see cref="ToolEffects"/>, <see cref="ActingNames"/>) exposed to automatic
    /// invocation — a Microsoft.Extensions.AI tools list run by a function-invoking client or an agent
    /// (<see cref="ToolLists"/>), an Agent Framework agent's <c>tools:</c>, a Semantic Kernel plugin imported into a
    /// kernel that invokes functions automatically (<see cref="KernelPlugins"/>, <see cref="KernelScopes"/>) — with no
    /// approval: not wrapped in ApprovalRequiredAIFunction, no approving filter on the kernel, not marked
    /// [AllowAutoInvoke]. Reported on the element of the tools list or the plugin import call. Also
    /// <c>MaximumIterationsPerRequest</c> set above the function-invoking client's default.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ToolWithSideEffectsAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>
        /// FunctionInvokingChatClient.MaximumIterationsPerRequest's default in Microsoft.Extensions.AI 11.0.0 (its field
        /// initialiser; a test reads it from the real package, so a change of the library fails the build here).
        /// </summary>
        internal const int DefaultMaximumIterationsPerRequest = 40;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RuleCatalog.ToolWithSideEffectsAutoInvoked);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, shiftLeft) =>
            {
                var symbols = shiftLeft.Symbols;
                if (symbols.IChatClient is null && symbols.Kernel is null && symbols.AIAgent is null)
                {
                    return;
                }

                var agency = new AgencyCompilation(shiftLeft);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, agency), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeCreation(c, agency), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, agency), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => AnalyzeToolCatalog(c, agency), OperationKind.CollectionExpression, OperationKind.ArrayCreation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, AgencyCompilation agency)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var name = method.Name;
            if (name is "Add" or "AddRange" && invocation.Instance is IPropertyReferenceOperation { Property.Name: "Tools" } tools
                && AutoInvocation.IsExtensionsAi(tools.Property.ContainingType) && invocation.Arguments.Length == 1)
            {
                if (agency.InvokesFunctionsAutomatically)
                {
                    var found = new List<ExposedTool>();
                    if (name == "Add")
                    {
                        ToolLists.CollectElement(invocation.Arguments[0].Value, found);
                    }
                    else
                    {
                        ToolLists.Collect(invocation.Arguments[0].Value, found);
                    }

                    ReportTools(context, agency, found, null);
                }

                return;
            }

            if (AutoInvocation.IsAgentFactory(method))
            {
                ReportAgentTools(context, agency, invocation.Arguments);
                return;
            }

            if (KernelPlugins.IsImportName(name) && KernelPlugins.TryGetImported(invocation, out var pluginType))
            {
                ReportPlugins(context, agency, invocation, new[] { pluginType });
            }
            else if (KernelFactories.MayBeFactory(method))
            {
                ReportPlugins(context, agency, invocation, agency.Factories.PluginsImportedBy(invocation));
            }
        }

        /// <summary>Plugins imported into a kernel by <paramref name="import"/> (an import call, or a call of a kernel factory), reported there when the kernel's scope invokes them automatically.</summary>
        private static void ReportPlugins(OperationAnalysisContext context, AgencyCompilation agency, IInvocationOperation import, IEnumerable<ITypeSymbol> plugins)
        {
            KernelScope? scope = null;
            foreach (var plugin in plugins)
            {
                scope ??= agency.Kernels.Of(import);
                if (!scope.Value.AutoInvokes || scope.Value.Approved)
                {
                    return;
                }

                var found = new List<ExposedTool>();
                KernelPlugins.Functions(plugin, import.Syntax, found);
                ReportTools(context, agency, found, plugin.Name);
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, AgencyCompilation agency)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type?.Name == "ChatClientAgent")
            {
                ReportAgentTools(context, agency, creation.Arguments);
            }
            else if (creation.Initializer is not null && ToolLists.IsToolCollection(creation.Type) && agency.InvokesFunctionsAutomatically)
            {
                ReportCatalog(context, agency, creation);
            }
        }

        /// <summary>
        /// A list of tools built where nothing visible hands it to a client (a registry's <c>GetTools()</c>, a field the
        /// pipeline reads later): in a compilation that invokes tools automatically, it is what the model is given.
        /// </summary>
        private static void AnalyzeToolCatalog(OperationAnalysisContext context, AgencyCompilation agency)
        {
            var collection = context.Operation;
            if (ToolLists.IsToolCollection(collection.Type) && agency.InvokesFunctionsAutomatically)
            {
                ReportCatalog(context, agency, collection);
            }
        }

        private static void ReportCatalog(OperationAnalysisContext context, AgencyCompilation agency, IOperation collection)
        {
            var found = new List<ExposedTool>();
            ToolLists.Collect(collection, found);
            ReportTools(context, agency, found, null);
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, AgencyCompilation agency)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property })
            {
                return;
            }

            switch (property.Name)
            {
                case "Tools" when agency.InvokesFunctionsAutomatically && AutoInvocation.IsToolsAssignment(assignment):
                    var found = new List<ExposedTool>();
                    ToolLists.Collect(assignment.Value, found);
                    ReportTools(context, agency, found, null);
                    break;
                case "MaximumIterationsPerRequest" when property.ContainingType is { Name: "FunctionInvokingChatClient" or "FunctionInvokingRealtimeClient" } type
                    && AutoInvocation.IsExtensionsAi(type)
                    && assignment.Value.ConstantValue is { HasValue: true, Value: int iterations } && iterations > DefaultMaximumIterationsPerRequest:
                    Report(context, assignment.Syntax,
                        $"MaximumIterationsPerRequest = {iterations} lets the model chain up to {iterations} rounds of automatic tool calls in one request, above {type.Name}'s default of {DefaultMaximumIterationsPerRequest}: keep the default or lower it");
                    break;
            }
        }

        private static void ReportAgentTools(OperationAnalysisContext context, AgencyCompilation agency, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == "tools" && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    var found = new List<ExposedTool>();
                    ToolLists.Collect(argument.Value, found);
                    ReportTools(context, agency, found, null);
                }
            }
        }

        private static void ReportTools(OperationAnalysisContext context, AgencyCompilation agency, List<ExposedTool> tools, string? plugin)
        {
            foreach (var tool in tools)
            {
                if (tool.Declaration is { } declaration && AttributeNames.Has(declaration, AttributeNames.AllowAutoInvoke))
                {
                    continue;
                }

                var acts = tool.Method is { } method ? agency.Effects.Of(method) : tool.LambdaBody is { } body ? agency.Effects.OfBody(body) : null;
                if (acts is null && (ActingNames.TryGetVerb(tool.Name, out var verb) || (tool.Method is { } named && ActingNames.TryGetVerb(named.Name, out verb))))
                {
                    acts = $"acts on the world: its name says so ('{verb}')";
                }

                if (acts is null || !agency.FirstReport(tool.Reported, tool.Name))
                {
                    continue;
                }

                var message = plugin is null
                    ? $"'{tool.Name}' {acts}, and the model invokes it automatically with no human approval: wrap it in ApprovalRequiredAIFunction, or mark the method [AllowAutoInvoke(\"why\")] if acting unasked is intended"
                    : $"'{tool.Name}' {acts}, and plugin '{plugin}' is imported into a kernel that invokes functions automatically with no approving filter: add an IAutoFunctionInvocationFilter that asks a human (declared in shiftleft.approver_methods or marked [ToolApprover]), turn auto-invoke off, or mark the function [AllowAutoInvoke(\"why\")]";
                Report(context, tool.Reported, message);
            }
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode syntax, string message)
        {
            if (!GeneratedCode.ShouldAnalyze(context.IsGeneratedCode, syntax.SyntaxTree))
            {
                return;
            }

            var location = syntax.GetLocation();
            if (GeneratedCode.IsReportable(location, context.IsGeneratedCode))
            {
                context.ReportDiagnostic(Diagnostic.Create(RuleCatalog.ToolWithSideEffectsAutoInvoked, location, message));
            }
        }
    }
}
