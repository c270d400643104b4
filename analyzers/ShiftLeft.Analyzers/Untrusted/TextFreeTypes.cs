using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// Types whose values cannot carry instructions to a model: numbers, booleans, enums, characters, dates and times,
    /// GUIDs, cancellation tokens, reflection and culture objects, HTTP clients and handlers, and a model call's settings (Semantic Kernel's
    /// PromptExecutionSettings, Microsoft.Extensions.AI's ChatOptions, OpenAI's completion and response options: the model,
    /// its parameters and its tools, not the prompt). A value of one of them is trusted whatever its origin (an attacker who
    /// picks a number picks no words; tools are judged where the call invokes them).
    /// </summary>
    internal static class TextFreeTypes
    {
        private static bool IsModelSettings(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                var ns = current.ContainingNamespace?.ToDisplayString();
                if ((current.Name == "PromptExecutionSettings" && ns == "Microsoft.SemanticKernel")
                    || (current.Name == "ChatOptions" && ns == "Microsoft.Extensions.AI")
                    || (current.Name is "ChatCompletionOptions" && ns == "OpenAI.Chat")
                    || (current.Name is "CreateResponseOptions" or "ResponseCreationOptions" && ns == "OpenAI.Responses"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An HttpClient or HttpMessageHandler (a kernel or client built with a logging handler): transport, not text. What
        /// it downloads is a source where it is downloaded (the catalogue's HttpClient rows), not where the client is passed.
        /// </summary>
        private static bool IsHttpTransport(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name is "HttpClient" or "HttpMessageHandler" && current.ContainingNamespace?.ToDisplayString() == "System.Net.Http")
                {
                    return true;
                }
            }

            return false;
        }

        public static bool CannotCarryText(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (Infrastructure.ValueTypes.IsBooleanNumberOrEnum(type))
            {
                return true;
            }

            type = Infrastructure.ValueTypes.Unwrapped(type);
            if (type.SpecialType is SpecialType.System_Char or SpecialType.System_DateTime)
            {
                return true;
            }

            if (IsModelSettings(type) || IsHttpTransport(type))
            {
                return true;
            }

            var ns = type.ContainingNamespace?.ToDisplayString();
            return type.Name switch
            {
                "DateTimeOffset" or "TimeSpan" or "Guid" or "DateOnly" or "TimeOnly" or "Type" => ns == "System" || ns == "System.Threading.Tasks",
                "CancellationToken" => ns == "System.Threading",
                "Assembly" => ns == "System.Reflection",
                "CultureInfo" => ns == "System.Globalization",
                _ => false,
            } && (type is not INamedTypeSymbol { IsGenericType: true });
        }
    }
}
