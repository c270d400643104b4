// Usage: ValueTypes.IsBooleanNumberOrEnum(type) — a bool, a number or an enum, or a nullable one of them.
// Such a value holds no words: it carries neither personal data (PersonalDataTypes) nor instructions to a model (TextFreeTypes).
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class ValueTypes
    {
        /// <summary>The type itself, or T of a Nullable&lt;T&gt;.</summary>
        public static ITypeSymbol Unwrapped(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
                ? nullable.TypeArguments[0]
                : type;

        public static bool IsBooleanNumberOrEnum(ITypeSymbol type)
        {
            type = Unwrapped(type);
            if (type.TypeKind == TypeKind.Enum)
            {
                return true;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
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
                    return true;
                default:
                    return false;
            }
        }
    }
}
