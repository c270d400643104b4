using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShiftLeft.Analyzers.CodeFixes.Editing;
using ShiftLeft.Analyzers.CodeFixes.ModelCalls;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.CodeFixes.PersonalData
{
    /// <summary>
    /// SL0003 / SL0004: redacts the personal data where it ENTERS the logged or sent value (the interpolation hole,
    /// the concatenation operand, the message argument), so the variable keeps its value for legitimate uses. One fix
    /// is offered, the first that applies: the configured redaction method when exactly one fits; else the Redact of a
    /// Redactor / IRedactorProvider in scope; else (SL0003 only) logging the value's length instead of the value. A kind
    /// whose result would add a warning or error is skipped for the next.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PersonalDataCodeFixProvider)), Shared]
    public sealed class PersonalDataCodeFixProvider : CodeFixProvider
    {
        public const string ConfiguredMethodKey = "PersonalData.RedactWithConfiguredMethod";
        public const string RedactorKey = "PersonalData.RedactWithRedactor";
        public const string ShapeKey = "PersonalData.LogShape";

        private static readonly RedactionKind[] Preference = { RedactionKind.ConfiguredMethod, RedactionKind.Redactor, RedactionKind.Shape };

        public override ImmutableArray<string> FixableDiagnosticIds =>
            ImmutableArray.Create(RuleIdentifiers.PersonalDataWrittenToLog, RuleIdentifiers.PersonalDataSentToModel);

        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (fixAllContext, document, diagnostics) =>
        {
            var kind = KindOf(fixAllContext.CodeActionEquivalenceKey);
            if (kind is null)
                return document;
            var model = await document.GetSemanticModelAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
            if (model is null || root is null)
                return document;

            var configured = ConfiguredRedactionMethods(document, model.Compilation);
            var plans = new List<RedactionPlan>();
            foreach (var diagnostic in diagnostics)
            {
                var plan = RedactionPlan.Create(kind.Value, model, RedactionPlan.FindTargets(root, diagnostic), configured, IsLog(diagnostic), diagnostic.Location.SourceSpan, fixAllContext.CancellationToken);
                if (plan is not null)
                    plans.Add(plan);
            }

            return plans.Count == 0 ? document : await ApplyVerifiedAsync(document, root, model, plans, fixAllContext.CancellationToken).ConfigureAwait(false);
        });

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is null || root is null)
                return;

            var configured = ConfiguredRedactionMethods(context.Document, model.Compilation);
            foreach (var diagnostic in context.Diagnostics)
            {
                var targets = RedactionPlan.FindTargets(root, diagnostic);
                foreach (var kind in Preference)
                {
                    var plan = RedactionPlan.Create(kind, model, targets, configured, IsLog(diagnostic), diagnostic.Location.SourceSpan, context.CancellationToken);
                    if (plan is null)
                        continue;

                    // The next kind is tried when this one would not compile cleanly (a redactor taking string where
                    // the value is string? would add CS8604).
                    var fixedDocument = Apply(context.Document, root, model, new[] { plan }, context.CancellationToken);
                    if (!await FixVerification.IntroducesNoDiagnosticAsync(context.Document.Project.Solution, fixedDocument.Project.Solution, context.CancellationToken).ConfigureAwait(false))
                        continue;

                    context.RegisterCodeFix(CodeAction.Create(plan.Title, _ => Task.FromResult(fixedDocument), KeyOf(kind)), diagnostic);
                    break;
                }
            }
        }

        /// <summary>All plans together when that compiles cleanly; otherwise, in order, those that still do.</summary>
        private static async Task<Document> ApplyVerifiedAsync(Document document, SyntaxNode root, SemanticModel model, List<RedactionPlan> plans, CancellationToken cancellationToken)
        {
            var solution = await FixVerification.ApplyCleanAsync(
                document.Project.Solution,
                plans,
                chosen => Task.FromResult(Apply(document, root, model, chosen, cancellationToken).Project.Solution),
                cancellationToken).ConfigureAwait(false);
            return solution.GetDocument(document.Id) ?? document;
        }

        private static Document Apply(Document document, SyntaxNode root, SemanticModel model, IReadOnlyList<RedactionPlan> plans, CancellationToken cancellationToken)
        {
            // The same entry can be reached by several diagnostics (a prompt both logged and sent): rewrite it once.
            var byTarget = new Dictionary<ExpressionSyntax, RedactionPlan>();
            foreach (var plan in plans)
            {
                foreach (var target in plan.Targets)
                {
                    if (!byTarget.ContainsKey(target))
                        byTarget[target] = plan;
                }
            }

            var newRoot = root.ReplaceNodes(
                byTarget.Keys,
                (original, rewritten) => byTarget[original].Rewrite(rewritten, model, original, cancellationToken));
            return document.WithSyntaxRoot(newRoot);
        }

        private static IReadOnlyList<IMethodSymbol> ConfiguredRedactionMethods(Document document, Compilation compilation)
        {
            var options = ShiftLeftCompilation.Get(compilation, document.Project.AnalyzerOptions).Options;
            return options.RedactionMethods.Entries
                .SelectMany(entry => ConfiguredMethods.Resolve(compilation, entry))
                .Distinct<IMethodSymbol>(SymbolEqualityComparer.Default)
                .ToList();
        }

        private static bool IsLog(Diagnostic diagnostic) => diagnostic.Id == RuleIdentifiers.PersonalDataWrittenToLog;

        private static string KeyOf(RedactionKind kind) => kind switch
        {
            RedactionKind.ConfiguredMethod => ConfiguredMethodKey,
            RedactionKind.Redactor => RedactorKey,
            _ => ShapeKey,
        };

        private static RedactionKind? KindOf(string? key) => key switch
        {
            ConfiguredMethodKey => RedactionKind.ConfiguredMethod,
            RedactorKey => RedactionKind.Redactor,
            ShapeKey => RedactionKind.Shape,
            _ => null,
        };
    }
}
