using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Telemetry
{
    /// <summary>
    /// Whether code runs only in a development environment: it sits in the true branch of a condition that holds only
    /// there (<c>if (env.IsDevelopment())</c>, <c>app.Environment.IsEnvironment("Development")</c>,
    /// <c>EnvironmentName == "Development"</c>, a local assigned one of these, combined with <c>&amp;&amp;</c>), after an
    /// early exit on the opposite (<c>if (!env.IsDevelopment()) return;</c>), in an <c>#if DEBUG</c> region, or in a
    /// method compiled only into debug builds (<c>[Conditional("DEBUG")]</c>). Asked only for a finding.
    /// </summary>
    internal static class DevelopmentGuard
    {
        private const string Development = "Development";

        public static bool IsGuarded(IOperation operation)
        {
            for (var current = operation; current.Parent is { } parent; current = parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when current == conditional.WhenTrue && Implies(conditional.Condition, true):
                    case IConditionalOperation alternative when current == alternative.WhenFalse && Implies(alternative.Condition, false):
                        return true;
                    case IBlockOperation block when ExitsEarlyOutsideDevelopment(block, current):
                        return true;
                }
            }

            return IsDebugOnly(operation);
        }

        /// <summary>True when the condition having <paramref name="value"/> means the code runs in development.</summary>
        public static bool Implies(IOperation condition, bool value)
        {
            var current = OperationScope.Unwrap(condition);
            switch (current)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Implies(not.Operand, !value);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return value ? Implies(and.LeftOperand, true) || Implies(and.RightOperand, true) : Implies(and.LeftOperand, false) && Implies(and.RightOperand, false);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    return value ? Implies(or.LeftOperand, true) && Implies(or.RightOperand, true) : Implies(or.LeftOperand, false) || Implies(or.RightOperand, false);
                default:
                    return value && IsDevelopmentCheck(current, 0);
            }
        }

        /// <summary>An expression that is true only in development.</summary>
        public static bool IsDevelopmentCheck(IOperation expression, int depth)
        {
            var current = OperationScope.Unwrap(expression);
            switch (current)
            {
                case IInvocationOperation invocation:
                    return invocation.TargetMethod.Name switch
                    {
                        // IHostEnvironment / IWebHostEnvironment.IsDevelopment(), or a helper of the application named so.
                        "IsDevelopment" => true,
                        "IsEnvironment" => invocation.Arguments.Any(argument => IsDevelopmentName(argument.Value)),
                        "Equals" => invocation.Arguments.Any(argument => IsDevelopmentName(argument.Value)) || (invocation.Instance is { } instance && IsDevelopmentName(instance)),
                        _ => false,
                    };
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return IsDevelopmentName(equals.LeftOperand) || IsDevelopmentName(equals.RightOperand);
                case IPropertyReferenceOperation { Property.Name: "IsDevelopment" }:
                case IFieldReferenceOperation { Field.Name: "IsDevelopment" }:
                    return true;
                case ILocalReferenceOperation local when depth < 2:
                    // var isDevelopment = builder.Environment.IsDevelopment(); if (isDevelopment) ...
                    var any = false;
                    foreach (var written in WrittenValues.Of(local.Local, local))
                    {
                        if (!IsDevelopmentCheck(written, depth + 1))
                        {
                            return false;
                        }

                        any = true;
                    }

                    return any;
                default:
                    return false;
            }
        }

        /// <summary>"Development" as a constant, or <c>Environments.Development</c>.</summary>
        private static bool IsDevelopmentName(IOperation value)
        {
            var current = OperationScope.Unwrap(value);
            return (current.ConstantValue is { HasValue: true, Value: string text } && string.Equals(text, Development, StringComparison.OrdinalIgnoreCase))
                || current is IFieldReferenceOperation { Field: { Name: Development, ContainingType.Name: "Environments" } };
        }

        /// <summary>A statement before <paramref name="statement"/> in the block leaves it unless in development: <c>if (!env.IsDevelopment()) return;</c>.</summary>
        private static bool ExitsEarlyOutsideDevelopment(IBlockOperation block, IOperation statement)
        {
            foreach (var earlier in block.Operations)
            {
                if (earlier == statement)
                {
                    return false;
                }

                if (earlier is IConditionalOperation { WhenFalse: null } exit && Implies(exit.Condition, false) && AlwaysLeaves(exit.WhenTrue))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AlwaysLeaves(IOperation branch)
        {
            var last = branch is IBlockOperation block ? block.Operations.LastOrDefault() : branch;
            return last is IReturnOperation or IThrowOperation or IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue }
                || last is IExpressionStatementOperation { Operation: IThrowOperation };
        }

        /// <summary>In an <c>#if DEBUG</c> region, or in a method marked <c>[Conditional("DEBUG")]</c>.</summary>
        private static bool IsDebugOnly(IOperation operation)
        {
            var syntax = operation.Syntax;
            var position = syntax.SpanStart;
            for (var directive = ((CSharpSyntaxNode)syntax.SyntaxTree.GetRoot()).GetFirstDirective(); directive is not null && directive.SpanStart < position; directive = directive.GetNextDirective())
            {
                if (directive is not IfDirectiveTriviaSyntax branch || !branch.BranchTaken || branch.SpanStart > position || !NamesDebug(branch.Condition))
                {
                    continue;
                }

                // The branch ends at the next #elif / #else / #endif of the same #if.
                var end = branch.GetRelatedDirectives().FirstOrDefault(linked => linked.SpanStart > branch.SpanStart);
                if (end is not null && position < end.SpanStart)
                {
                    return true;
                }
            }

            var member = operation.SemanticModel?.GetEnclosingSymbol(position);
            for (var symbol = member; symbol is IMethodSymbol method; symbol = method.ContainingSymbol)
            {
                foreach (var attribute in method.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name == "ConditionalAttribute" && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is "DEBUG")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary><c>DEBUG</c>, or <c>DEBUG &amp;&amp; X</c>.</summary>
        private static bool NamesDebug(ExpressionSyntax condition) => condition switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "DEBUG",
            ParenthesizedExpressionSyntax parenthesized => NamesDebug(parenthesized.Expression),
            BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) => NamesDebug(binary.Left) || NamesDebug(binary.Right),
            _ => false,
        };
    }
}
