using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ShiftLeft.Analyzers.CodeFixes.Editing;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// SL0001 fixes, each offered only where its result compiles with no new warning or error:
    /// 1. a logging layer in the client's Microsoft.Extensions.AI pipeline (<see cref="UseLoggingFix"/>);
    /// 2. with an ILogger in scope and the result in a local, a structured log of the call's outcome without content (<see cref="OutcomeLogFix"/>);
    /// 3. with exactly one configured audit-log method that accepts the result, a call to it (<see cref="AuditMethodFix"/>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelCallNotAuditLoggedCodeFixProvider)), Shared]
    public sealed class ModelCallNotAuditLoggedCodeFixProvider : CodeFixProvider
    {
        public const string UseLoggingKey = "SL0001.UseLogging";
        public const string LogOutcomeKey = "SL0001.LogOutcome";
        public const string AuditMethodKey = "SL0001.AuditMethod";

        private static readonly ModelCallFixes Fixes = new(
            (UseLoggingKey, "Add logging to the client pipeline"),
            (LogOutcomeKey, "Log the model call's outcome (model, response id, finish reason, tokens)"),
            (AuditMethodKey, "Record the result with the audit-log method"));

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ModelCallNotAuditLogged);

        public override FixAllProvider GetFixAllProvider() => Fixes.FixAll(PlanAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => Fixes.RegisterAsync(context, PlanAsync);

        private static async Task<FixPlan?> PlanAsync(ModelCallFixContext context, string key, CancellationToken cancellationToken) => key switch
        {
            UseLoggingKey => await UseLoggingFix.PlanAsync(context, cancellationToken).ConfigureAwait(false),
            LogOutcomeKey => OutcomeLogFix.Plan(context, cancellationToken),
            AuditMethodKey => AuditMethodFix.Plan(context),
            _ => null,
        };
    }
}
