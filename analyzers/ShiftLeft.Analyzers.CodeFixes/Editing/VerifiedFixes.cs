// Usage: how a provider offers fixes that are checked before they are shown.
//   private static readonly VerifiedFixes<MyFixContext> Fixes = new(MyFixContext.CreateAsync, (Key, "Title"));
//   public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fixes.RegisterAsync(context, PlanAsync);
//   public override FixAllProvider GetFixAllProvider() => Fixes.FixAll(PlanAsync);
// Each fix (an equivalence key and a title) is planned for a diagnostic, applied to the solution, and registered only
// when the result introduces no warning or error (FixVerification). Fix All (document, project, solution) applies the
// plans of every diagnostic together — one pipeline edit for several calls, registrations in other files — and keeps
// only plans that still compile cleanly when combined.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ShiftLeft.Analyzers.CodeFixes.Editing
{
    internal class VerifiedFixes<TContext>
        where TContext : class
    {
        /// <summary>What the diagnostic points at, resolved again in the fix's document; null when it no longer resolves.</summary>
        public delegate Task<TContext?> ContextFactory(Document document, Diagnostic diagnostic, CancellationToken cancellationToken);

        public delegate Task<FixPlan?> Planner(TContext context, string key, CancellationToken cancellationToken);

        private readonly ContextFactory _createContext;
        private readonly (string Key, string Title)[] _fixes;

        public VerifiedFixes(ContextFactory createContext, params (string Key, string Title)[] fixes)
        {
            _createContext = createContext;
            _fixes = fixes;
        }

        public async Task RegisterAsync(CodeFixContext context, Planner planner)
        {
            var solution = context.Document.Project.Solution;
            foreach (var diagnostic in context.Diagnostics)
            {
                var fixContext = await _createContext(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (fixContext is null)
                {
                    continue;
                }

                foreach (var (key, title) in _fixes)
                {
                    if (await planner(fixContext, key, context.CancellationToken).ConfigureAwait(false) is not { IsEmpty: false } plan)
                    {
                        continue;
                    }

                    var fixedSolution = await FixPlan.ApplyAsync(solution, new[] { plan }, context.CancellationToken).ConfigureAwait(false);
                    if (await FixVerification.IntroducesNoDiagnosticAsync(solution, fixedSolution, context.CancellationToken).ConfigureAwait(false))
                    {
                        context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(fixedSolution), key), diagnostic);
                    }
                }
            }
        }

        public FixAllProvider FixAll(Planner planner) => new BatchFixer(this, planner);

        private sealed class BatchFixer : FixAllProvider
        {
            private readonly VerifiedFixes<TContext> _fixes;
            private readonly Planner _planner;

            public BatchFixer(VerifiedFixes<TContext> fixes, Planner planner)
            {
                _fixes = fixes;
                _planner = planner;
            }

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                var key = fixAllContext.CodeActionEquivalenceKey;
                var title = _fixes._fixes.FirstOrDefault(fix => fix.Key == key).Title;
                if (key is null || title is null)
                {
                    return null;
                }

                var documents = fixAllContext.Scope switch
                {
                    FixAllScope.Document when fixAllContext.Document is not null => new[] { fixAllContext.Document },
                    FixAllScope.Project => fixAllContext.Project.Documents.ToArray(),
                    FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(project => project.Documents).ToArray(),
                    _ => System.Array.Empty<Document>(),
                };
                var work = new List<(Document Document, Diagnostic Diagnostic)>();
                foreach (var document in documents)
                {
                    foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                    {
                        work.Add((document, diagnostic));
                    }
                }

                var solution = fixAllContext.Solution;
                return CodeAction.Create(title, token => FixAllAsync(solution, work, key, token), key);
            }

            private async Task<Solution> FixAllAsync(Solution solution, List<(Document Document, Diagnostic Diagnostic)> work, string key, CancellationToken cancellationToken)
            {
                var plans = new List<FixPlan>();
                foreach (var (document, diagnostic) in work)
                {
                    if (await _fixes._createContext(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } context
                        && await _planner(context, key, cancellationToken).ConfigureAwait(false) is { IsEmpty: false } plan)
                    {
                        plans.Add(plan);
                    }
                }

                return await FixVerification.ApplyCleanAsync(
                    solution, plans, chosen => FixPlan.ApplyAsync(solution, chosen, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
