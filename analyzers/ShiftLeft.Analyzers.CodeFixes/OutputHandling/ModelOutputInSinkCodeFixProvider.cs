using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.CodeFixes.Editing;
using ShiftLeft.Analyzers.OutputHandling;

namespace ShiftLeft.Analyzers.CodeFixes.OutputHandling
{
    /// <summary>
    /// SL0007, where a standard fix exists: a raw-HTML sink's string value is HTML-encoded
    /// (<c>new MarkupString(WebUtility.HtmlEncode(text))</c>; WebUtility is in the base library, so no package is added),
    /// and EF Core raw SQL given one interpolated string with a single hole is parameterised
    /// (<c>FromSqlRaw($"… {x}")</c> → <c>FromSqlInterpolated($"… {x}")</c>, quotes around the hole removed). Offered
    /// only when the result compiles with no new diagnostic.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelOutputInSinkCodeFixProvider)), Shared]
    public sealed class ModelOutputInSinkCodeFixProvider : CodeFixProvider
    {
        public const string EncodeHtmlKey = "SL0007.EncodeHtml";
        public const string ParameteriseSqlKey = "SL0007.ParameteriseSql";

        private static readonly VerifiedFixes<SinkFixContext> Fixes = new(
            SinkFixContext.CreateAsync, (EncodeHtmlKey, "HTML-encode the model output"), (ParameteriseSqlKey, "Send the interpolated value as a SQL parameter"));

        // EF Core's raw-SQL methods and their parameterised counterparts (same receiver, a FormattableString instead).
        private static readonly ImmutableDictionary<string, string> Parameterised = new[]
        {
            ("FromSqlRaw", "FromSqlInterpolated"), ("ExecuteSqlRaw", "ExecuteSqlInterpolated"),
            ("ExecuteSqlRawAsync", "ExecuteSqlInterpolatedAsync"), ("SqlQueryRaw", "SqlQuery"),
        }.ToImmutableDictionary(pair => pair.Item1, pair => pair.Item2);

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ModelOutputInDangerousSink);

        public override FixAllProvider GetFixAllProvider() => Fixes.FixAll(PlanAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fixes.RegisterAsync(context, PlanAsync);

        private static Task<FixPlan?> PlanAsync(SinkFixContext context, string key, CancellationToken cancellationToken) => Task.FromResult(key switch
        {
            EncodeHtmlKey when context.Kind == nameof(OutputSinkKind.Html) => EncodeHtml(context),
            ParameteriseSqlKey when context.Kind == nameof(OutputSinkKind.Sql) => ParameteriseSql(context),
            _ => null,
        });

        private static FixPlan? EncodeHtml(SinkFixContext context)
        {
            var value = context.Sink switch
            {
                IObjectCreationOperation creation => creation.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == 0)?.Value,
                IConversionOperation conversion => conversion.Operand,
                IInvocationOperation invocation => invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == "value")?.Value,
                _ => null,
            };
            if (value is not { Type.SpecialType: SpecialType.System_String, Syntax: ExpressionSyntax syntax })
            {
                return null;
            }

            // (MarkupString)(a + b): the call replaces the parentheses too.
            if (syntax.Parent is ParenthesizedExpressionSyntax { Parent: CastExpressionSyntax } parenthesized)
            {
                syntax = parenthesized;
            }

            var plan = new FixPlan();
            var edits = plan.In(context.Document);
            edits.Replace.Add((syntax, current => SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName("WebUtility"), SyntaxFactory.IdentifierName("HtmlEncode")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(current is ParenthesizedExpressionSyntax inner ? inner.Expression.WithoutTrivia() : current.WithoutTrivia()))))
                .WithTriviaFrom(current)));
            edits.Usings.Add("System.Net");
            return plan;
        }

        private static FixPlan? ParameteriseSql(SinkFixContext context)
        {
            if (context.Sink is not IInvocationOperation invocation
                || !Parameterised.TryGetValue(invocation.TargetMethod.Name, out var parameterised)
                || invocation.TargetMethod.ContainingNamespace?.ToDisplayString() != "Microsoft.EntityFrameworkCore"
                || invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call)
            {
                return null;
            }

            InterpolatedStringExpressionSyntax? sql = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "sql" when OperationScope(argument.Value).Syntax is InterpolatedStringExpressionSyntax text:
                        sql = text;
                        break;
                    case "parameters" when argument.ArgumentKind != ArgumentKind.ParamArray || argument.Value is not IArrayCreationOperation { Initializer.ElementValues.IsEmpty: true }:
                        return null;
                }
            }

            if (sql is null || sql.Contents.OfType<InterpolationSyntax>().Count() != 1
                || sql.Contents.OfType<InterpolationSyntax>().Single() is { AlignmentClause: not null } or { FormatClause: not null })
            {
                return null;
            }

            var plan = new FixPlan();
            var edits = plan.In(context.Document);
            var sqlSpan = sql.Span;
            edits.Replace.Add((call, current =>
            {
                var currentAccess = (MemberAccessExpressionSyntax)((InvocationExpressionSyntax)current).Expression;
                var renamed = currentAccess.WithName(currentAccess.Name switch
                {
                    GenericNameSyntax generic => generic.WithIdentifier(SyntaxFactory.Identifier(parameterised).WithTriviaFrom(generic.Identifier)),
                    var name => SyntaxFactory.IdentifierName(parameterised).WithTriviaFrom(name),
                });
                var rewritten = ((InvocationExpressionSyntax)current).WithExpression(renamed);
                var currentSql = rewritten.DescendantNodes().OfType<InterpolatedStringExpressionSyntax>().First(node => node.Span.Length == sqlSpan.Length);
                return rewritten.ReplaceNode(currentSql, Unquoted(currentSql));
            }));
            return plan;
        }

        private static IOperation OperationScope(IOperation value) => value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value;

        /// <summary>'{x}' (or N'{x}') → {x}: a parameter is a value, not text to quote.</summary>
        private static InterpolatedStringExpressionSyntax Unquoted(InterpolatedStringExpressionSyntax sql)
        {
            var contents = sql.Contents;
            var hole = contents.IndexOf(contents.OfType<InterpolationSyntax>().Single());
            if (hole <= 0 || hole >= contents.Count - 1
                || contents[hole - 1] is not InterpolatedStringTextSyntax before || !before.TextToken.Text.EndsWith("'", System.StringComparison.Ordinal)
                || contents[hole + 1] is not InterpolatedStringTextSyntax after || !after.TextToken.Text.StartsWith("'", System.StringComparison.Ordinal))
            {
                return sql;
            }

            var beforeText = before.TextToken.Text.Substring(0, before.TextToken.Text.Length - 1);

            // N'{x}' (a Unicode literal in T-SQL): the N goes with the quotes.
            if (beforeText.Length > 0 && beforeText[beforeText.Length - 1] is 'N' or 'n'
                && (beforeText.Length == 1 || !(char.IsLetterOrDigit(beforeText[beforeText.Length - 2]) || beforeText[beforeText.Length - 2] == '_')))
            {
                beforeText = beforeText.Substring(0, beforeText.Length - 1);
            }

            var afterText = after.TextToken.Text.Substring(1);
            // Text left empty goes (the compiler makes no node for it).
            contents = afterText.Length == 0 ? contents.RemoveAt(hole + 1) : contents.Replace(contents[hole + 1], WithText(after, afterText));
            contents = beforeText.Length == 0 ? contents.RemoveAt(hole - 1) : contents.Replace(contents[hole - 1], WithText(before, beforeText));
            return sql.WithContents(contents);
        }

        private static InterpolatedStringTextSyntax WithText(InterpolatedStringTextSyntax node, string text) =>
            node.WithTextToken(SyntaxFactory.Token(default, SyntaxKind.InterpolatedStringTextToken, text, text, default));

        /// <summary>The sink a diagnostic points at, read again in the fix's document.</summary>
        private sealed class SinkFixContext
        {
            private SinkFixContext(Document document, IOperation sink, string kind)
            {
                Document = document;
                Sink = sink;
                Kind = kind;
            }

            public Document Document { get; }
            public IOperation Sink { get; }
            public string Kind { get; }

            public static async Task<SinkFixContext?> CreateAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (!diagnostic.Properties.TryGetValue(ModelOutputInSinkAnalyzer.SinkKindProperty, out var kind) || kind is null
                    || await DiagnosticNode.FindAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } target)
                {
                    return null;
                }

                var (model, node) = target;
                foreach (var candidate in node.AncestorsAndSelf().Where(ancestor => ancestor.Span == diagnostic.Location.SourceSpan))
                {
                    if (model.GetOperation(candidate, cancellationToken) is { } operation && operation.Kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.Conversion)
                    {
                        return new SinkFixContext(document, operation, kind);
                    }
                }

                return null;
            }
        }
    }
}
