using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using ShiftLeft.Analyzers.PersonalData;

namespace ShiftLeft.Analyzers.CodeFixes.PersonalData
{
    /// <summary>How a fix rewrites the expressions where personal data entered the logged or sent value.</summary>
    internal enum RedactionKind
    {
        /// <summary>Wrap in the one configured redaction method that fits (<c>shiftleft.redaction_methods</c>).</summary>
        ConfiguredMethod,

        /// <summary>Wrap in <c>redactor.Redact(…)</c> of a Redactor or IRedactorProvider in scope.</summary>
        Redactor,

        /// <summary>Log the value's length instead of the value (SL0003 only).</summary>
        Shape,
    }

    /// <summary>One diagnostic's rewrite: the target expressions and, per kind, what wraps them.</summary>
    internal sealed class RedactionPlan
    {
        private RedactionPlan(RedactionKind kind, ImmutableArray<ExpressionSyntax> targets, IMethodSymbol? method, ISymbol? redactor, string title)
        {
            Kind = kind;
            Targets = targets;
            Method = method;
            Redactor = redactor;
            Title = title;
        }

        public RedactionKind Kind { get; }

        public ImmutableArray<ExpressionSyntax> Targets { get; }

        public IMethodSymbol? Method { get; }

        public ISymbol? Redactor { get; }

        public string Title { get; }

        /// <summary>The fix expression targets recorded by the analyzer, found again in <paramref name="root"/>.</summary>
        public static ImmutableArray<ExpressionSyntax> FindTargets(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(PersonalDataAnalyzer.FixTargetsProperty, out var encoded) || string.IsNullOrEmpty(encoded))
                return ImmutableArray<ExpressionSyntax>.Empty;

            var builder = ImmutableArray.CreateBuilder<ExpressionSyntax>();
            foreach (var part in encoded!.Split(';'))
            {
                var pieces = part.Split(':');
                if (pieces.Length != 2
                    || !int.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                    || !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                    || start + length > root.FullSpan.End)
                    return ImmutableArray<ExpressionSyntax>.Empty;

                var span = new Microsoft.CodeAnalysis.Text.TextSpan(start, length);
                var node = root.FindNode(span, getInnermostNodeForTie: true);
                var expression = node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == span);
                if (expression is null)
                    return ImmutableArray<ExpressionSyntax>.Empty;
                builder.Add(expression);
            }

            return builder.ToImmutable();
        }

        public static RedactionPlan? Create(
            RedactionKind kind,
            SemanticModel model,
            ImmutableArray<ExpressionSyntax> targets,
            IReadOnlyList<IMethodSymbol> configuredMethods,
            bool isLogDiagnostic,
            Microsoft.CodeAnalysis.Text.TextSpan loggedSpan,
            CancellationToken cancellationToken)
        {
            if (targets.IsEmpty)
                return null;

            switch (kind)
            {
                case RedactionKind.ConfiguredMethod:
                    {
                        // "Exactly one fits": a method that fits every target, and no second one that does too.
                        var fitting = configuredMethods.Where(method => targets.All(target => Fits(model, method, target, cancellationToken))).Take(2).ToList();
                        return fitting.Count == 1
                            ? new RedactionPlan(kind, targets, fitting[0], null, $"Redact with {fitting[0].ContainingType.Name}.{fitting[0].Name}")
                            : null;
                    }

                case RedactionKind.Redactor:
                    {
                        var redactor = FindRedactorInScope(model, targets[0]);
                        if (redactor is null || !targets.All(target => IsStringOrValue(model, target, cancellationToken)))
                            return null;
                        return new RedactionPlan(kind, targets, null, redactor, $"Redact with '{redactor.Name}'");
                    }

                default:
                    // Only inside the logged argument itself: a length in place of a value that is also sent to a
                    // model (a prompt) would change what the model receives.
                    if (!isLogDiagnostic || !targets.All(target => loggedSpan.Contains(target.Span) && CanLogShape(model, target, cancellationToken)))
                        return null;
                    return new RedactionPlan(kind, targets, null, null, "Log only the length of the personal data");
            }
        }

        /// <summary>The rewritten form of one target (given as already rewritten by nested replacements).</summary>
        public ExpressionSyntax Rewrite(ExpressionSyntax target, SemanticModel model, ExpressionSyntax original, CancellationToken cancellationToken)
        {
            var operand = target.WithoutTrivia();
            ExpressionSyntax result;
            switch (Kind)
            {
                case RedactionKind.ConfiguredMethod:
                    result = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(
                            SyntaxKind.SimpleMemberAccessExpression,
                            TypeSyntaxFor(Method!.ContainingType),
                            SyntaxFactory.IdentifierName(Method.Name)),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(operand))));
                    break;
                case RedactionKind.Redactor:
                    {
                        var type = model.GetTypeInfo(original, cancellationToken).Type;
                        var argument = type?.SpecialType == SpecialType.System_String ? operand : ToStringCall(operand);
                        result = SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, RedactorExpression(), SyntaxFactory.IdentifierName("Redact")),
                            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))));
                        break;
                    }

                default:
                    {
                        var type = model.GetTypeInfo(original, cancellationToken);
                        var mayBeNull = type.Nullability.FlowState == NullableFlowState.MaybeNull;
                        result = mayBeNull
                            ? SyntaxFactory.ConditionalAccessExpression(Parenthesize(operand), SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName("Length")))
                            : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(operand), SyntaxFactory.IdentifierName("Length"));
                        break;
                    }
            }

            return result.WithTriviaFrom(target);
        }

        private ExpressionSyntax RedactorExpression()
        {
            var name = SyntaxFactory.IdentifierName(Redactor!.Name);
            var type = TypeOf(Redactor);
            if (type is not null && !IsRedactorType(type))
            {
                // An IRedactorProvider: its fallback redactor (classification Unknown) erases by default.
                var unknown = SyntaxFactory.ParseExpression("global::Microsoft.Extensions.Compliance.Classification.DataClassification.Unknown")
                    .WithAdditionalAnnotations(Simplifier.Annotation);
                return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, name, SyntaxFactory.IdentifierName("GetRedactor")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(unknown))));
            }

            return name;
        }

        private static bool Fits(SemanticModel model, IMethodSymbol method, ExpressionSyntax target, CancellationToken cancellationToken)
        {
            if (!method.IsStatic || method.IsGenericMethod || method.Parameters.IsEmpty || !model.IsAccessible(target.SpanStart, method))
                return false;
            if (method.Parameters.Skip(1).Any(parameter => !parameter.IsOptional && !parameter.IsParams))
                return false;

            var info = model.GetTypeInfo(target, cancellationToken);
            if (info.Type is null || !model.ClassifyConversion(target, method.Parameters[0].Type).IsImplicit)
                return false;
            var destination = info.ConvertedType ?? info.Type;
            return model.Compilation.ClassifyConversion(method.ReturnType, destination).IsImplicit;
        }

        private static bool IsStringOrValue(SemanticModel model, ExpressionSyntax target, CancellationToken cancellationToken)
        {
            var info = model.GetTypeInfo(target, cancellationToken);
            if (info.Type is null)
                return false;
            if (info.Type.SpecialType == SpecialType.System_String)
                return info.ConvertedType is null || model.Compilation.ClassifyConversion(info.Type, info.ConvertedType).IsImplicit;

            // Value types (a birth date) are redacted through their text; the result must still fit where they stood.
            return info.Type.IsValueType
                && (info.ConvertedType?.SpecialType == SpecialType.System_Object || target.Parent is InterpolationSyntax);
        }

        private static bool CanLogShape(SemanticModel model, ExpressionSyntax target, CancellationToken cancellationToken)
        {
            var info = model.GetTypeInfo(target, cancellationToken);
            if (info.Type?.SpecialType != SpecialType.System_String)
                return false;

            // A length fits where any object or text goes: a log argument, an interpolation hole, a concatenation.
            return target.Parent is InterpolationSyntax
                || info.ConvertedType?.SpecialType == SpecialType.System_Object
                || (target.Parent is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression)
                    && model.GetTypeInfo(binary, cancellationToken).Type?.SpecialType == SpecialType.System_String
                    && model.GetTypeInfo(binary.Left == target ? binary.Right : binary.Left, cancellationToken).Type?.SpecialType == SpecialType.System_String);
        }

        /// <summary>A Redactor in scope, else an IRedactorProvider: locals, parameters, fields and properties.</summary>
        private static ISymbol? FindRedactorInScope(SemanticModel model, ExpressionSyntax target)
        {
            var enclosing = model.GetEnclosingSymbol(target.SpanStart);
            var isStaticContext = enclosing is IMethodSymbol { IsStatic: true } || enclosing?.ContainingSymbol is IMethodSymbol { IsStatic: true } && enclosing is IMethodSymbol { MethodKind: MethodKind.LocalFunction, IsStatic: true };
            var candidates = model.LookupSymbols(target.SpanStart)
                .Where(symbol => symbol is ILocalSymbol || symbol is IParameterSymbol || symbol is IFieldSymbol || symbol is IPropertySymbol)
                .Where(symbol => !(symbol is IFieldSymbol || symbol is IPropertySymbol) || symbol.IsStatic || !isStaticContext)
                .Where(symbol => TypeOf(symbol) is { } type && (IsRedactorType(type) || IsRedactorProviderType(type)))
                .OrderBy(symbol => IsRedactorType(TypeOf(symbol)!) ? 0 : 1)
                .ThenBy(symbol => symbol.Name, StringComparer.Ordinal);
            return candidates.FirstOrDefault();
        }

        private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        private static bool IsRedactorType(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name == "Redactor" && current.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Compliance.Redaction")
                    return true;
            }

            return false;
        }

        private static bool IsRedactorProviderType(ITypeSymbol type) =>
            (type.Name == "IRedactorProvider" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Compliance.Redaction")
            || type.AllInterfaces.Any(i => i.Name == "IRedactorProvider" && i.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Compliance.Redaction");

        private static ExpressionSyntax TypeSyntaxFor(INamedTypeSymbol type) =>
            SyntaxFactory.ParseExpression(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithAdditionalAnnotations(Simplifier.Annotation);

        private static ExpressionSyntax ToStringCall(ExpressionSyntax operand) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(operand), SyntaxFactory.IdentifierName("ToString")));

        private static ExpressionSyntax Parenthesize(ExpressionSyntax operand) =>
            operand is IdentifierNameSyntax || operand is MemberAccessExpressionSyntax || operand is InvocationExpressionSyntax
                || operand is ElementAccessExpressionSyntax || operand is LiteralExpressionSyntax || operand is ParenthesizedExpressionSyntax
                ? operand
                : SyntaxFactory.ParenthesizedExpression(operand).WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
