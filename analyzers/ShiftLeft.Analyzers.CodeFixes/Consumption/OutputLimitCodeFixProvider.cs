using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using ShiftLeft.Analyzers.CodeFixes.Editing;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.CodeFixes.Consumption
{
    /// <summary>
    /// SL0010: sets the output-token limit (<c>shiftleft.default_max_output_tokens</c>, 1024 when unset) on the call's own
    /// options — Microsoft.Extensions.AI <c>ChatOptions.MaxOutputTokens</c>, OpenAI <c>ChatCompletionOptions</c> /
    /// <c>CreateResponseOptions.MaxOutputTokenCount</c>, Azure AI Inference <c>ChatCompletionsOptions.MaxTokens</c>: added
    /// to the options object created in the call or in the local it passes, or passed as a new <c>options:</c> argument
    /// when the call has none. Not offered for settings made elsewhere (a parameter, a field, a method's result), for
    /// Semantic Kernel and agent calls (whose settings type depends on the connector), or when the result would not
    /// compile cleanly.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OutputLimitCodeFixProvider)), Shared]
    public sealed class OutputLimitCodeFixProvider : CodeFixProvider
    {
        public const string SetLimitKey = "SL0010.SetOutputLimit";

        /// <summary>The limit written when <c>shiftleft.default_max_output_tokens</c> is not set.</summary>
        public const int DefaultLimit = 1024;

        private static readonly VerifiedFixes<LimitFixContext> Fixes = new(LimitFixContext.CreateAsync, (SetLimitKey, "Set an output-token limit"));

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.GenerativeCallWithoutOutputLimit);

        public override FixAllProvider GetFixAllProvider() => Fixes.FixAll(PlanAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fixes.RegisterAsync(context, PlanAsync);

        private static Task<FixPlan?> PlanAsync(LimitFixContext context, string key, CancellationToken cancellationToken) =>
            Task.FromResult(key == SetLimitKey ? Plan(context, cancellationToken) : null);

        private static FixPlan? Plan(LimitFixContext context, CancellationToken cancellationToken)
        {
            if (ConfiguredLimit(context.Document, context.Invocation.Syntax.SyntaxTree) is not { } limit)
            {
                return null;
            }

            var plan = new FixPlan();
            var edits = plan.In(context.Document);
            var argument = context.Options;
            if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                // No options given: options: new ChatOptions { MaxOutputTokens = 1024 }, the type named as the file can see it.
                if (context.Invocation.Syntax is not InvocationExpressionSyntax call)
                {
                    return null;
                }

                var typeName = SyntaxFactory.ParseTypeName(context.OptionsType.ToMinimalDisplayString(context.SemanticModel, call.SpanStart))
                    .WithAdditionalAnnotations(Simplifier.Annotation);
                var creation = SyntaxFactory.ObjectCreationExpression(typeName)
                    .WithArgumentList(null)
                    .WithInitializer(Initializer(context.LimitProperty, limit));
                var added = SyntaxFactory.Argument(creation).WithNameColon(SyntaxFactory.NameColon(context.OptionsParameter));
                edits.Replace.Add((call, current => ((InvocationExpressionSyntax)current).AddArgumentListArguments(added)));
                return plan;
            }

            if (CreationOf(argument.Value, context.SemanticModel, cancellationToken) is not { } created)
            {
                return null;
            }

            if (created.Initializer is { } initializer)
            {
                if (initializer.Expressions.OfType<AssignmentExpressionSyntax>().Any(assignment => assignment.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && name == context.LimitProperty))
                {
                    return null;
                }

                edits.Replace.Add((initializer, current => AddLimit((InitializerExpressionSyntax)current, context.LimitProperty, limit)));
            }
            else
            {
                edits.Replace.Add((created, current => current switch
                {
                    ObjectCreationExpressionSyntax named => named.WithArgumentList(named.ArgumentList is { Arguments.Count: 0 } ? null : named.ArgumentList)
                        .WithType(named.Type.WithoutTrailingTrivia())
                        .WithInitializer(Initializer(context.LimitProperty, limit)).WithTriviaFrom(named),
                    ImplicitObjectCreationExpressionSyntax implicitly => implicitly.WithInitializer(Initializer(context.LimitProperty, limit)),
                    _ => current,
                }));
            }

            return plan;
        }

        /// <summary>The object creation an options argument is: inline, or the initializer of a local declared in the same member and never reassigned.</summary>
        private static BaseObjectCreationExpressionSyntax? CreationOf(IOperation value, SemanticModel model, CancellationToken cancellationToken)
        {
            var current = OperationScope.Unwrap(value);
            if (current is IObjectCreationOperation { Syntax: BaseObjectCreationExpressionSyntax inline })
            {
                return inline;
            }

            if (current is not ILocalReferenceOperation { Local: var local } || local.DeclaringSyntaxReferences.Length != 1
                || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax creation }
                || creation.SyntaxTree != model.SyntaxTree)
            {
                return null;
            }

            // A local assigned again may hold other options at the call.
            var assignedAgain = WrittenValues.Of(local, current).Skip(1).Any();
            return assignedAgain ? null : creation;
        }

        private static InitializerExpressionSyntax Initializer(string property, int limit) =>
            SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(LimitAssignment(property, limit)));

        /// <summary>Appends the limit, keeping the initializer's own layout (one line, or one member per line).</summary>
        private static InitializerExpressionSyntax AddLimit(InitializerExpressionSyntax initializer, string property, int limit)
        {
            var expressions = initializer.Expressions;
            if (expressions.Count == 0)
            {
                return initializer.WithExpressions(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(LimitAssignment(property, limit)));
            }

            var last = expressions[expressions.Count - 1];
            var multiLine = initializer.OpenBraceToken.TrailingTrivia.Any(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
            var assignment = LimitAssignment(property, limit).WithLeadingTrivia(multiLine ? last.GetLeadingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.Space));
            var separators = expressions.GetSeparators().ToList();
            var nodes = expressions.ToList();
            if (separators.Count < nodes.Count)
            {
                // No trailing comma: put one after the last member, its line break (if any) moved after the new member.
                nodes[nodes.Count - 1] = last.WithoutTrailingTrivia();
                separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiLine ? last.GetTrailingTrivia() : default));
                nodes.Add(assignment.WithTrailingTrivia(last.GetTrailingTrivia()));
            }
            else
            {
                nodes.Add(assignment);
                separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(separators[separators.Count - 1].TrailingTrivia));
            }

            return initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes, separators));
        }

        private static AssignmentExpressionSyntax LimitAssignment(string property, int limit) =>
            SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(property),
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(limit)));

        /// <summary>The limit configured for the file (<c>shiftleft.default_max_output_tokens</c>), 1024 when unset; null when it is not a positive integer.</summary>
        private static int? ConfiguredLimit(Document document, SyntaxTree tree)
        {
            var provider = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider;
            if (!provider.GetOptions(tree).TryGetValue(OptionKeys.DefaultMaxOutputTokens, out var value)
                && !provider.GlobalOptions.TryGetValue(OptionKeys.DefaultMaxOutputTokens, out value))
            {
                return DefaultLimit;
            }

            return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0 ? limit : null;
        }

        /// <summary>The reported call, its options parameter and argument, and the limit property of the options type.</summary>
        private sealed class LimitFixContext
        {
            // The settings types a call takes directly, and the property that limits their output.
            private static readonly ImmutableDictionary<string, string> LimitProperties = ImmutableDictionary.CreateRange(new[]
            {
                new System.Collections.Generic.KeyValuePair<string, string>("Microsoft.Extensions.AI.ChatOptions", "MaxOutputTokens"),
                new System.Collections.Generic.KeyValuePair<string, string>("OpenAI.Chat.ChatCompletionOptions", "MaxOutputTokenCount"),
                new System.Collections.Generic.KeyValuePair<string, string>("OpenAI.Responses.CreateResponseOptions", "MaxOutputTokenCount"),
                new System.Collections.Generic.KeyValuePair<string, string>("Azure.AI.Inference.ChatCompletionsOptions", "MaxTokens"),
            });

            private LimitFixContext(Document document, SemanticModel semanticModel, IInvocationOperation invocation, IArgumentOperation? options, string optionsParameter, ITypeSymbol optionsType, string limitProperty)
            {
                Document = document;
                SemanticModel = semanticModel;
                Invocation = invocation;
                Options = options;
                OptionsParameter = optionsParameter;
                OptionsType = optionsType;
                LimitProperty = limitProperty;
            }

            public Document Document { get; }
            public SemanticModel SemanticModel { get; }
            public IInvocationOperation Invocation { get; }
            /// <summary>The options argument; null when the method called has no options parameter but an overload does (<c>CompleteChatAsync(params ChatMessage[])</c>).</summary>
            public IArgumentOperation? Options { get; }

            public string OptionsParameter { get; }
            public ITypeSymbol OptionsType { get; }
            public string LimitProperty { get; }

            public static async Task<LimitFixContext?> CreateAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (await DiagnosticNode.FindAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } target)
                {
                    return null;
                }

                var (model, node) = target;
                var syntax = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
                if (syntax is null || model.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation)
                {
                    return null;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter && LimitOf(parameter) is { } limit)
                    {
                        return new LimitFixContext(document, model, invocation, argument, parameter.Name, limit.Type, limit.Property);
                    }
                }

                // An overload with options (the compiler picks it for the named argument; the fix is verified to compile).
                var method = invocation.TargetMethod;
                foreach (var overload in method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>())
                {
                    foreach (var parameter in overload.Parameters)
                    {
                        if (LimitOf(parameter) is { } limit)
                        {
                            return new LimitFixContext(document, model, invocation, null, parameter.Name, limit.Type, limit.Property);
                        }
                    }
                }

                return null;
            }

            private static (ITypeSymbol Type, string Property)? LimitOf(IParameterSymbol parameter)
            {
                var type = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
                return type is INamedTypeSymbol named && LimitProperties.TryGetValue(named.ToDisplayString(), out var property)
                    && named.GetMembers(property).Any(member => member is IPropertySymbol { SetMethod: not null })
                    ? (named, property)
                    : null;
            }
        }
    }
}
