using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ShiftLeft.Analyzers.CodeFixes.Editing;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// SL0001: with exactly one <c>shiftleft.audit_log_methods</c> entry resolving to one accessible static method that
    /// takes the result (its other parameters optional), a call to it right after the result's declaration.
    /// </summary>
    internal static class AuditMethodFix
    {
        public static FixPlan? Plan(ModelCallFixContext context)
        {
            var entries = context.ShiftLeft.Options.AuditLogMethods.Entries;
            if (entries.Length != 1 || context.ResultDeclaration() is not { } result)
            {
                return null;
            }

            var model = context.SemanticModel;
            var compilation = model.Compilation;
            var candidates = ConfiguredMethods.Resolve(compilation, entries[0])
                .Where(method => method.IsStatic && method.Parameters.Length >= 1
                    && method.Parameters.Skip(1).All(parameter => parameter.IsOptional || parameter.IsParams)
                    && compilation.ClassifyConversion(result.Local.Type, method.Parameters[0].Type).IsImplicit
                    && model.IsAccessible(result.Statement.SpanStart, method))
                .ToList();
            if (candidates.Count != 1)
            {
                return null;
            }

            var method = candidates[0];
            // Fully qualified; the inserted statement is simplified as far as the file's usings allow.
            var statement = SyntaxFactory.ParseStatement(
                $"{method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}.{method.Name}({Layout.Identifier(result.Local.Name)});");
            var plan = new FixPlan();
            plan.In(context.Document).InsertAfter.Add((result.Statement, statement));
            return plan;
        }
    }
}
