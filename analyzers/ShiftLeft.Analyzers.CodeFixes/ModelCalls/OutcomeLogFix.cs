using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShiftLeft.Analyzers.CodeFixes.Editing;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// SL0001: with an ILogger in scope and the result held in a local, a structured log of the call's outcome right
    /// after it — <c>if (logger.IsEnabled(LogLevel.Information)) { logger.LogInformation("Model call {ModelCall}
    /// completed: model {ModelId}, response {ResponseId}, finish reason {FinishReason}, {InputTokens} input tokens,
    /// {OutputTokens} output tokens", …); }</c> — with the values the response type offers (<see cref="ResponseOutcome"/>).
    /// Members are read with <c>?.</c> only where they are declared nullable, so the log adds no null test the compiler
    /// would carry into the next line (CS8602).
    /// </summary>
    internal static class OutcomeLogFix
    {
        private const string LoggingNamespace = "Microsoft.Extensions.Logging";

        public static FixPlan? Plan(ModelCallFixContext context, CancellationToken cancellationToken)
        {
            if (context.ResultDeclaration() is not { } result
                || !ResponseOutcome.TryGet(result.Local.Type, out var fields, out var throughValue))
            {
                return null;
            }

            var model = context.SemanticModel;
            var position = result.Statement.Span.End;
            var (logger, loggerType) = ValuesInScope.Find(model, position, type => context.ShiftLeft.Symbols.IsLoggerType(type)).FirstOrDefault();
            if (logger is null)
            {
                return null;
            }

            var edits = new FixPlan();
            var documentEdits = edits.In(context.Document);
            var root = Layout.Identifier(result.Local.Name);
            var rootMayBeNull = result.Statement.Declaration.Variables.Count == 1
                && result.Statement.Declaration.Variables[0].Initializer is { } initializer
                && model.GetTypeInfo(initializer.Value, cancellationToken).Nullability.FlowState == NullableFlowState.MaybeNull;
            var rootType = result.Local.Type;
            if (throughValue && rootType is INamedTypeSymbol wrapper)
            {
                // result?.Value.Model: inside the conditional access, Value (never null) is read with a plain dot.
                root += rootMayBeNull ? "?.Value" : ".Value";
                rootType = wrapper.TypeArguments[0];
                rootMayBeNull = false;
            }

            var phrases = new List<string>();
            var arguments = new List<string>();
            foreach (var field in fields)
            {
                if (Read(model, position, root, rootType, rootMayBeNull, field.Path, documentEdits) is { } read)
                {
                    phrases.Add(field.Phrase);
                    arguments.Add(read);
                }
            }

            if (phrases.Count == 0)
            {
                return null;
            }

            var template = "Model call {ModelCall} completed: " + string.Join(", ", phrases);
            // Guarded like the SDK's analyzers ask (CA1873): the values are not read when Information is off.
            var statement = SyntaxFactory.ParseStatement(
                $"if ({logger}.IsEnabled(LogLevel.Information))\n{{\n{logger}.LogInformation({Literal(template)}, {Literal(context.Call.DisplayName)}, {string.Join(", ", arguments)});\n}}");
            documentEdits.InsertAfter.Add((result.Statement, statement));
            if (!Imports.IsExtensionReachable(model, position, loggerType, "LogInformation"))
            {
                documentEdits.Usings.Add(LoggingNamespace);
            }

            return edits;
        }

        /// <summary>The expression reading <paramref name="path"/> from the response, or null when a member is missing.</summary>
        private static string? Read(SemanticModel model, int position, string root, ITypeSymbol rootType, bool mayBeNull, string[] path, DocumentEdits edits)
        {
            var text = new StringBuilder(root);
            var type = rootType;
            foreach (var step in path)
            {
                var access = mayBeNull ? "?." : ".";
                if (step.StartsWith("[", System.StringComparison.Ordinal))
                {
                    // A metadata entry: GetValueOrDefault, which returns null for a missing key where the indexer throws.
                    if (model.Compilation.GetTypeByMetadataName("System.Collections.Generic.CollectionExtensions") is null || !IsReadOnlyDictionary(type))
                    {
                        return null;
                    }

                    if (!Imports.IsExtensionReachable(model, position, type, "GetValueOrDefault"))
                    {
                        edits.Usings.Add("System.Collections.Generic");
                    }

                    text.Append(access).Append("GetValueOrDefault(").Append(Literal(step.Substring(1, step.Length - 2))).Append(')');
                    return text.ToString();
                }

                var member = FindMember(type, step);
                if (member is null || TypeOf(member) is not { } memberType)
                {
                    return null;
                }

                text.Append(access).Append(step);
                type = memberType;
                mayBeNull = memberType.NullableAnnotation == NullableAnnotation.Annotated
                    || memberType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            }

            return text.ToString();
        }

        private static ISymbol? FindMember(ITypeSymbol type, string name)
        {
            var types = type.TypeKind == TypeKind.Interface ? new[] { type }.Concat(type.AllInterfaces) : Bases(type);
            return types.SelectMany(candidate => candidate.GetMembers(name))
                .FirstOrDefault(member => member is IPropertySymbol { IsIndexer: false, GetMethod: not null, IsStatic: false } or IFieldSymbol { IsStatic: false }
                    && member.DeclaredAccessibility == Accessibility.Public);
        }

        private static IEnumerable<ITypeSymbol> Bases(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                yield return current;
            }
        }

        private static bool IsReadOnlyDictionary(ITypeSymbol type) =>
            new[] { type }.Concat(type.AllInterfaces).Any(candidate => candidate.OriginalDefinition.MetadataName == "IReadOnlyDictionary`2"
                && candidate.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic");

        private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            IPropertySymbol property => property.Type,
            IFieldSymbol field => field.Type,
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
    }
}
