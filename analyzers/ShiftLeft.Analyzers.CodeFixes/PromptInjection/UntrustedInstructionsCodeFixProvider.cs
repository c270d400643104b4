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
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.PromptInjection;

namespace ShiftLeft.Analyzers.CodeFixes.PromptInjection
{
    /// <summary>
    /// SL0006, two fixes. <b>Send it as a user message</b>: a system or developer message whose content is only the
    /// outside value (no instruction text of its own) becomes a user message — its role argument <c>ChatRole.User</c> /
    /// <c>AuthorRole.User</c>, <c>AddSystemMessage</c> → <c>AddUserMessage</c>, <c>SystemChatMessage</c> →
    /// <c>UserChatMessage</c>, <c>new ChatHistory(value)</c> → <c>new ChatHistory(value, AuthorRole.User)</c>. A message
    /// that mixes instruction text with the value is not rewritten (which words are instructions is the author's call),
    /// nor are instructions properties and arguments (there is no message to demote). <b>Turn off
    /// AllowDangerouslySetContent</b>: the flag becomes <c>false</c>. Both are offered only when the result compiles with
    /// no new warning (FixVerification).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UntrustedInstructionsCodeFixProvider)), Shared]
    public sealed class UntrustedInstructionsCodeFixProvider : CodeFixProvider
    {
        public const string UserMessageKey = "SL0006.UserMessage";
        public const string RemoveFlagKey = "SL0006.RemoveDangerousFlag";

        private static readonly VerifiedFixes<SinkFixContext> Fixes = new(
            SinkFixContext.CreateAsync, (UserMessageKey, "Send the value as a user message"), (RemoveFlagKey, "Turn off AllowDangerouslySetContent"));

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UntrustedInputInInstructions);

        public override FixAllProvider GetFixAllProvider() => Fixes.FixAll(PlanAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fixes.RegisterAsync(context, PlanAsync);

        private static Task<FixPlan?> PlanAsync(SinkFixContext context, string key, CancellationToken cancellationToken) => Task.FromResult(key switch
        {
            UserMessageKey when context.Sink is { } sink => UserMessage(context, sink),
            RemoveFlagKey when context.Flag is { } flag => TurnOff(context, flag),
            _ => null,
        });

        private static FixPlan? TurnOff(SinkFixContext context, ISimpleAssignmentOperation flag)
        {
            if (flag.Value.Syntax is not ExpressionSyntax value)
            {
                return null;
            }

            var plan = new FixPlan();
            plan.In(context.Document).Replace.Add((value, current => SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression).WithTriviaFrom(current)));
            return plan;
        }

        private static FixPlan? UserMessage(SinkFixContext context, InstructionSink sink)
        {
            if (HasInstructionText(sink.Value))
            {
                return null;
            }

            var plan = new FixPlan();
            var edits = plan.In(context.Document);
            var position = sink.Reported.Syntax.SpanStart;
            switch (sink.Fix)
            {
                case RoleFix.RoleArgument when RoleArgument(sink.Reported) is { Value: { Type: { } roleType, Syntax: ExpressionSyntax role } }:
                    var user = SyntaxFactory.ParseExpression(roleType.ToMinimalDisplayString(context.SemanticModel, position) + ".User");
                    edits.Replace.Add((role, current => user.WithTriviaFrom(current)));
                    break;
                case RoleFix.UserMethod when sink.Reported.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }:
                    var name = access.Name.Identifier.ValueText;
                    var renamed = name.EndsWith("MessageItem", System.StringComparison.Ordinal) ? "CreateUserMessageItem"
                        : name.StartsWith("Create", System.StringComparison.Ordinal) ? "CreateUserMessage"
                        : "AddUserMessage";
                    edits.Replace.Add((access, current => ((MemberAccessExpressionSyntax)current).WithName(SyntaxFactory.IdentifierName(renamed))));
                    break;
                case RoleFix.UserType when sink.Reported.Syntax is ObjectCreationExpressionSyntax { Type: var type }:
                    TypeSyntax? userType = type switch
                    {
                        IdentifierNameSyntax => SyntaxFactory.IdentifierName("UserChatMessage"),
                        QualifiedNameSyntax qualified => qualified.WithRight(SyntaxFactory.IdentifierName("UserChatMessage")),
                        AliasQualifiedNameSyntax alias => alias.WithName(SyntaxFactory.IdentifierName("UserChatMessage")),
                        _ => null,
                    };
                    if (userType is null)
                    {
                        return null;
                    }

                    edits.Replace.Add((type, current => userType.WithTriviaFrom(current)));
                    break;
                case RoleFix.HistoryUserRole when sink.Reported.Syntax is BaseObjectCreationExpressionSyntax { ArgumentList: { } arguments } creation
                    && context.SemanticModel.Compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.AuthorRole") is { } authorRole:
                    var userRole = SyntaxFactory.Argument(SyntaxFactory.ParseExpression(authorRole.ToMinimalDisplayString(context.SemanticModel, position) + ".User"));
                    edits.Replace.Add((creation, current => ((BaseObjectCreationExpressionSyntax)current).WithArgumentList(arguments.AddArguments(userRole))));
                    break;
                default:
                    return null;
            }

            return plan;
        }

        /// <summary>Whether the value carries words of its own (a non-blank string constant): then it is instructions with data in them, not data alone.</summary>
        private static bool HasInstructionText(IOperation value) =>
            value.DescendantsAndSelf().Any(operation => operation.ConstantValue is { HasValue: true, Value: string text } && text.Trim().Length > 0);

        private static IArgumentOperation? RoleArgument(IOperation reported)
        {
            var arguments = reported switch
            {
                IObjectCreationOperation creation => creation.Arguments,
                IInvocationOperation invocation => invocation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };
            return arguments.FirstOrDefault(argument => argument.Parameter?.Type.Name is "ChatRole" or "AuthorRole");
        }

        /// <summary>The sink or the flag a diagnostic points at, read again in the fix's document.</summary>
        private sealed class SinkFixContext
        {
            private SinkFixContext(Document document, SemanticModel semanticModel, InstructionSink? sink, ISimpleAssignmentOperation? flag)
            {
                Document = document;
                SemanticModel = semanticModel;
                Sink = sink;
                Flag = flag;
            }

            public Document Document { get; }
            public SemanticModel SemanticModel { get; }
            public InstructionSink? Sink { get; }
            public ISimpleAssignmentOperation? Flag { get; }

            public static async Task<SinkFixContext?> CreateAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                if (await DiagnosticNode.FindAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } target)
                {
                    return null;
                }

                var (model, node) = target;
                if (diagnostic.Properties.ContainsKey(UntrustedInstructionsAnalyzer.DangerousFlagProperty))
                {
                    return node.AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault() is { } assignment
                        && model.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation flag
                        ? new SinkFixContext(document, model, null, flag)
                        : null;
                }

                if (!diagnostic.Properties.TryGetValue(UntrustedInstructionsAnalyzer.RoleFixProperty, out var fix) || fix == nameof(RoleFix.None)
                    || InstructionSinks.Create(ShiftLeftCompilation.Get(model.Compilation, document.Project.AnalyzerOptions)) is not { } sinks)
                {
                    return null;
                }

                foreach (var candidate in node.AncestorsAndSelf().Where(ancestor => ancestor is BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax))
                {
                    if (model.GetOperation(candidate, cancellationToken) is { } operation && sinks.TryGet(operation, out var sink))
                    {
                        return new SinkFixContext(document, model, sink, null);
                    }
                }

                return null;
            }
        }
    }
}
