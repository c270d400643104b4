// Usage: which of a model call's prompt arguments Semantic Kernel actually renders into the prompt.
//   var sent = PromptTemplateArguments.Rendered(call, types.KernelArguments);
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.PersonalData.Flow;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>
    /// A prompt template renders a <c>KernelArguments</c> value only where it names it (<c>{{$name}}</c>, <c>{{name}}</c>
    /// in Handlebars or Liquid). When the template handed to the same call is written out in the code and holds no
    /// template expression at all, none of the arguments reaches the model: OlivIA interpolates a doctor's profile into
    /// <c>InvokePromptAsync($"…{doctor.Name}…", new() { { "doctor.Name", doctor.Name } })</c>, and only the interpolation
    /// is sent. A template that is not written out (a variable, a file, a resource) may name any argument: all are kept.
    /// </summary>
    internal static class PromptTemplateArguments
    {
        private const string TemplateParameterName = "promptTemplate";

        public static ImmutableArray<IArgumentOperation> Rendered(in ModelCall call, INamedTypeSymbol? kernelArguments)
        {
            var arguments = call.PromptArguments;
            if (kernelArguments is null || !arguments.Any(a => IsKernelArguments(a, kernelArguments)))
                return arguments;

            // Read from the syntax: the flow hands in the control-flow graph's operation, whose values are captures.
            var template = call.Invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == TemplateParameterName);
            if (template?.Syntax is not ArgumentSyntax { Expression: var written } || !HoldsNoTemplateExpression(written))
                return arguments;

            return arguments.Where(a => !IsKernelArguments(a, kernelArguments)).ToImmutableArray();
        }

        private static bool IsKernelArguments(IArgumentOperation argument, INamedTypeSymbol kernelArguments) =>
            PersonalDataTypes.DerivesFrom(argument.Parameter?.Type, kernelArguments);

        private static bool HoldsNoTemplateExpression(ExpressionSyntax template) => template switch
        {
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.StringLiteralExpression) && !literal.Token.ValueText.Contains("{{"),
            InterpolatedStringExpressionSyntax interpolated => interpolated.Contents
                .OfType<InterpolatedStringTextSyntax>().All(text => !text.TextToken.ValueText.Contains("{{")),
            ParenthesizedExpressionSyntax parenthesized => HoldsNoTemplateExpression(parenthesized.Expression),
            _ => false,
        };
    }
}
