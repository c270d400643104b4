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
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// SL0001 fixes, each offered only where the result compiles:
    /// 1. a visible Microsoft.Extensions.AI pipeline gets <c>UseLogging()</c>;
    /// 2. with an ILogger in scope and the result in a local, a structured log of the call's outcome (no content);
    /// 3. with exactly one configured audit-log method that accepts the result, a call to it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelCallNotAuditLoggedCodeFixProvider)), Shared]
    public sealed class ModelCallNotAuditLoggedCodeFixProvider : CodeFixProvider
    {
        public const string UseLoggingKey = "SL0001.UseLogging";
        public const string LogOutcomeKey = "SL0001.LogOutcome";
        public const string AuditMethodKey = "SL0001.AuditMethod";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ModelCallNotAuditLogged);

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
                foreach (var (key, title) in new[]
                {
                    (UseLoggingKey, "Add UseLogging() to the client pipeline"),
                    (LogOutcomeKey, "Log the model call's outcome"),
                    (AuditMethodKey, "Record the result with the audit-log method"),
                })
                {
                    if (await PlanAsync(context.Document, diagnostic, key, context.CancellationToken).ConfigureAwait(false) is { } plan)
                    {
                        var document = context.Document;
                        context.RegisterCodeFix(
                            CodeAction.Create(title, token => FixPlan.ApplyAsync(document, new[] { plan }, token), key),
                            diagnostic);
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
                UseLoggingKey => PlanUseLogging(context),
                LogOutcomeKey => PlanLogOutcome(context),
                AuditMethodKey => PlanAuditMethod(context),
                _ => null,
            };
            return plan is { IsEmpty: false } ? plan : null;
        }

        private static FixPlan? PlanUseLogging(ModelCallFixContext context)
        {
            if (context.SemanticModel.Compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.LoggingChatClientBuilderExtensions") is null
                || PipelineLocator.Locate(context) is not { } pipeline)
            {
                return null;
            }

            var plan = new FixPlan();
            foreach (var build in pipeline.BuildCalls)
            {
                if (build.Expression is MemberAccessExpressionSyntax member)
                {
                    var builder = member.Expression;
                    plan.Replace.Add((build, SyntaxFactory.ParseExpression($"{builder}.UseLogging().Build()")));
                }
            }

            foreach (var creation in pipeline.UnbuiltCreations)
            {
                if (context.SemanticModel.GetTypeInfo(creation).Type is { } type && type.Name == "IChatClient" || IsChatClientImplementation(context, creation))
                {
                    plan.Replace.Add((creation, SyntaxFactory.ParseExpression($"{Parenthesize(creation)}.AsBuilder().UseLogging().Build()")));
                }
            }

            plan.Usings.Add("Microsoft.Extensions.AI");
            return plan;
        }

        private static bool IsChatClientImplementation(ModelCallFixContext context, ExpressionSyntax creation) =>
            context.SemanticModel.GetTypeInfo(creation).Type is { } type
            && context.ShiftLeft.Symbols.IChatClient is { } chatClient
            && type.AllInterfaces.Contains(chatClient, SymbolEqualityComparer.Default);

        private static string Parenthesize(ExpressionSyntax expression) =>
            expression is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax ? $"({expression})" : expression.ToString();

        private static FixPlan? PlanLogOutcome(ModelCallFixContext context)
        {
            if (context.ResultDeclaration() is not { } result || FindLogger(context, result.Statement) is not { } logger)
            {
                return null;
            }

            var resultType = result.Local.Type.IsValueType ? $"{result.Local.Name}.GetType().Name" : $"{result.Local.Name}?.GetType().Name";
            var statement = SyntaxFactory.ParseStatement(
                $"{logger}.LogInformation(\"Model call {{ModelCall}} completed with {{ResultType}}\", \"{context.Call.DisplayName}\", {resultType});");
            var plan = new FixPlan();
            plan.InsertAfter.Add((result.Statement, statement));
            plan.Usings.Add("Microsoft.Extensions.Logging");
            return plan;
        }

        /// <summary>An ILogger local, parameter, field or property usable at the statement (declared before it, static context respected).</summary>
        private static string? FindLogger(ModelCallFixContext context, StatementSyntax statement)
        {
            var position = statement.SpanStart;
            var model = context.SemanticModel;
            var enclosing = model.GetEnclosingSymbol(position);
            var isStaticContext = enclosing?.IsStatic == true || (enclosing is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } && IsInStaticMember(enclosing));
            foreach (var symbol in model.LookupSymbols(position))
            {
                var type = symbol switch
                {
                    ILocalSymbol local when local.DeclaringSyntaxReferences.All(reference => reference.Span.End <= position) => local.Type,
                    IParameterSymbol parameter => parameter.Type,
                    IFieldSymbol field when field.IsStatic || !isStaticContext => field.Type,
                    IPropertySymbol property when (property.IsStatic || !isStaticContext) && property.GetMethod is not null => property.Type,
                    _ => null,
                };
                if (type is not null && context.ShiftLeft.Symbols.IsLoggerType(type))
                {
                    return symbol.Name;
                }
            }

            return null;
        }

        private static bool IsInStaticMember(ISymbol symbol)
        {
            for (var current = symbol; current is not null; current = current.ContainingSymbol)
            {
                if (current is IMethodSymbol { MethodKind: not MethodKind.LocalFunction and not MethodKind.AnonymousFunction } method)
                {
                    return method.IsStatic;
                }
            }

            return false;
        }

        private static FixPlan? PlanAuditMethod(ModelCallFixContext context)
        {
            var entries = context.ShiftLeft.Options.AuditLogMethods.Entries;
            if (entries.Length != 1 || context.ResultDeclaration() is not { } result)
            {
                return null;
            }

            var compilation = context.SemanticModel.Compilation;
            var candidates = ConfiguredMethods.Resolve(compilation, entries[0])
                .Where(method => method.IsStatic && method.Parameters.Count(parameter => !parameter.IsOptional && !parameter.IsParams) == 1 && method.Parameters.Length >= 1
                    && compilation.ClassifyConversion(result.Local.Type, method.Parameters[0].Type).IsImplicit
                    && compilation.IsSymbolAccessibleWithin(method, context.SemanticModel.GetEnclosingSymbol(context.Syntax.SpanStart)?.ContainingType ?? (ISymbol)compilation.Assembly))
                .ToList();
            if (candidates.Count != 1)
            {
                return null;
            }

            var method = candidates[0];
            var statement = SyntaxFactory.ParseStatement(
                $"{method.ContainingType.ToDisplayString(FixPlan.QualifiedName)}.{method.Name}({result.Local.Name});");
            var plan = new FixPlan();
            plan.InsertAfter.Add((result.Statement, statement));
            return plan;
        }
    }
}
