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

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// SL0002 fixes, each offered only where exactly one configured guardrail fits:
    /// 1. the prompt argument is wrapped in the configured guardrail method that accepts and returns its type;
    /// 2. a visible Microsoft.Extensions.AI builder chain gets the configured guardrail builder method.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelCallWithoutGuardrailCodeFixProvider)), Shared]
    public sealed class ModelCallWithoutGuardrailCodeFixProvider : CodeFixProvider
    {
        public const string WrapPromptKey = "SL0002.WrapPrompt";
        public const string PipelineKey = "SL0002.Pipeline";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ModelCallWithoutGuardrail);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (fixAllContext, document, diagnostics) =>
        {
            var plans = new List<FixPlan>();
            foreach (var diagnostic in diagnostics)
            {
                if (await PlanAsync(document, diagnostic, fixAllContext.CodeActionEquivalenceKey, fixAllContext.CancellationToken).ConfigureAwait(false) is { } plan)
                {
                    plans.Add(plan);
                }
            }

            return plans.Count == 0 ? document : await FixPlan.ApplyAsync(document, plans, fixAllContext.CancellationToken).ConfigureAwait(false);
        });

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                foreach (var key in new[] { WrapPromptKey, PipelineKey })
                {
                    if (await PlanAsync(context.Document, diagnostic, key, context.CancellationToken).ConfigureAwait(false) is { } plan)
                    {
                        var document = context.Document;
                        var title = key == WrapPromptKey ? "Pass the prompt through the guardrail" : "Add the guardrail to the client pipeline";
                        context.RegisterCodeFix(CodeAction.Create(title, token => FixPlan.ApplyAsync(document, new[] { plan }, token), key), diagnostic);
                    }
                }
            }
        }

        private static async Task<FixPlan?> PlanAsync(Document document, Diagnostic diagnostic, string? key, CancellationToken cancellationToken)
        {
            var context = await ModelCallFixContext.CreateAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
            if (context is null)
            {
                return null;
            }

            var plan = key switch
            {
                WrapPromptKey => PlanWrapPrompt(context),
                PipelineKey => PlanPipeline(context),
                _ => null,
            };
            return plan is { IsEmpty: false } ? plan : null;
        }

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
            var wrapped = SyntaxFactory.ParseExpression(
                $"{guard.ContainingType.ToDisplayString(FixPlan.QualifiedName)}.{guard.Name}({expression.WithoutTrivia()})");
            var plan = new FixPlan();
            plan.Replace.Add((expression, wrapped));
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

            var plan = new FixPlan();
            foreach (var build in pipeline.BuildCalls)
            {
                if (build.Expression is MemberAccessExpressionSyntax member)
                {
                    plan.Replace.Add((build, SyntaxFactory.ParseExpression($"{member.Expression}.{builderMethods[0].Name}().Build()")));
                }
            }

            var extensionNamespace = builderMethods[0].ContainingNamespace;
            if (extensionNamespace is { IsGlobalNamespace: false })
            {
                plan.Usings.Add(extensionNamespace.ToDisplayString());
            }

            return plan;
        }
    }
}
