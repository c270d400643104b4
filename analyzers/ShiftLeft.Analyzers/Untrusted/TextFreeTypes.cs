using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// Types whose values cannot carry instructions to a model: numbers, booleans, enums, characters, dates and times,
    /// GUIDs, cancellation tokens, reflection and culture objects. A value of one of them is trusted whatever its origin
    /// (an attacker who picks a number picks no words).
    /// </summary>
    internal static class TextFreeTypes
    {
        public static bool CannotCarryText(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return true;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                case SpecialType.System_IntPtr:
                case SpecialType.System_UIntPtr:
                case SpecialType.System_DateTime:
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
