using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using ShiftLeft.Analyzers.CodeFixes.Editing;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// SL0002 fixes, each offered only where exactly one configured guardrail fits and the result compiles with no new
    /// warning or error:
    /// 1. the prompt argument is wrapped in the configured guardrail method that accepts and returns its type;
    /// 2. a visible Microsoft.Extensions.AI builder chain gets the configured guardrail builder method.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelCallWithoutGuardrailCodeFixProvider)), Shared]
    public sealed class ModelCallWithoutGuardrailCodeFixProvider : CodeFixProvider
    {
        public const string WrapPromptKey = "SL0002.WrapPrompt";
        public const string PipelineKey = "SL0002.Pipeline";

        private static readonly ModelCallFixes Fixes = new(
            (WrapPromptKey, "Pass the prompt through the guardrail"),
            (PipelineKey, "Add the guardrail to the client pipeline"));

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ModelCallWithoutGuardrail);

        public override FixAllProvider GetFixAllProvider() => Fixes.FixAll(PlanAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fixes.RegisterAsync(context, PlanAsync);

        private static Task<FixPlan?> PlanAsync(ModelCallFixContext context, string key, CancellationToken cancellationToken) => Task.FromResult(key switch
        {
            WrapPromptKey => PlanWrapPrompt(context),
            PipelineKey => PlanPipeline(context),
            _ => null,
        });

        private static FixPlan? PlanWrapPrompt(ModelCallFixContext context)
        {
            var prompt = context.Call.PromptArguments.FirstOrDefault(argument => argument.ArgumentKind == ArgumentKind.Explicit);
            if (prompt?.Parameter is not { } parameter || prompt.Value.Syntax is not ExpressionSyntax expression || prompt.Syntax is not ArgumentSyntax)
            {
                return null;
            }

            var compilation = context.SemanticModel.Compilation;
            var argumentType = prompt.Value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand.Type : prompt.Value.Type;
            if (argumentType is null)
            {
                return null;
            }

            var within = context.SemanticModel.GetEnclosingSymbol(context.Syntax.SpanStart)?.ContainingType ?? (ISymbol)compilation.Assembly;
            var fits = new List<IMethodSymbol>();
            foreach (var entry in context.ShiftLeft.Options.GuardrailMethods.Entries)
            {
                foreach (var candidate in ConfiguredMethods.Resolve(compilation, entry))
                {
                    var method = candidate;
                    if (!method.IsStatic || method.IsExtensionMethod || method.Parameters.Length == 0
                        || method.Parameters.Skip(1).Any(extra => !extra.IsOptional) || !compilation.IsSymbolAccessibleWithin(method, within))
                    {
                        continue;
                    }

                    if (method.IsGenericMethod)
                    {
                        if (method.TypeParameters.Length != 1 || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, method.TypeParameters[0]))
                        {
                            continue;
                        }

                        method = method.Construct(argumentType);
                    }

                    if (compilation.ClassifyConversion(argumentType, method.Parameters[0].Type).IsImplicit
                        && compilation.ClassifyConversion(method.ReturnType, parameter.Type).IsImplicit)
                    {
                        fits.Add(method);
                    }
                }
            }

            if (fits.Count != 1)
            {
                return null;
            }

            var guard = fits[0];
            // Fully qualified for the simplifier, which shortens it as far as the file's usings allow.
            var guardType = SyntaxFactory.ParseExpression(guard.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                .WithAdditionalAnnotations(Simplifier.Annotation);
            var plan = new FixPlan();
            plan.In(context.Document).Replace.Add((expression, current => SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, guardType, SyntaxFactory.IdentifierName(guard.Name)),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(current.WithoutTrivia()))))
                .WithTriviaFrom(current)));
            return plan;
        }

        private static FixPlan? PlanPipeline(ModelCallFixContext context)
        {
            if (PipelineLocator.Locate(context) is not { BuildCalls.Count: > 0 } pipeline)
            {
                return null;
            }

            var compilation = context.SemanticModel.Compilation;
            var builderMethods = context.ShiftLeft.Options.GuardrailMethods.Entries
                .SelectMany(entry => ConfiguredMethods.Resolve(compilation, entry))
                .Where(method => method.IsExtensionMethod && method.Parameters.Length >= 1
                    && method.Parameters[0].Type.Name == "ChatClientBuilder" && method.ReturnType.Name == "ChatClientBuilder"
                    && method.Parameters.Skip(1).All(extra => extra.IsOptional))
                .Distinct<IMethodSymbol>(SymbolEqualityComparer.Default)
                .ToList();
            if (builderMethods.Count != 1)
            {
                return null;
            }

            var guard = builderMethods[0];
            var plan = new FixPlan();
            var edits = plan.In(context.Document);
            var model = context.SemanticModel;
            foreach (var build in pipeline.BuildCalls)
            {
                if (build.Expression is not MemberAccessExpressionSyntax { Expression: var builder } || model.GetTypeInfo(builder).Type is not { } builderType)
                {
                    return null;
                }

                var layout = ChainLayout.Of(builder);
                edits.Replace.Add((builder, current => layout.Append(current, guard.Name, SyntaxFactory.ArgumentList())));
                if (!Imports.IsExtensionReachable(model, build.SpanStart, builderType, guard.Name) && guard.ContainingNamespace is { IsGlobalNamespace: false } extensionNamespace)
                {
                    edits.Usings.Add(extensionNamespace.ToDisplayString());
                }
            }

            return plan;
        }
    }
}
