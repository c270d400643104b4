using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.OutputHandling
{
    internal static class SqlQuoting
    {
        /// <summary>
        /// SQL quoting: a quote character doubled (<c>name.Replace("]", "]]")</c> for a bracketed identifier,
        /// <c>Replace("'", "''")</c> for a literal, <c>Replace("\"", "\"\"")</c>), or a provider's
        /// <c>CommandBuilder.QuoteIdentifier</c>.
        /// </summary>
        public static bool IsQuoting(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "QuoteIdentifier")
            {
                for (var type = method.ContainingType; type is not null; type = type.BaseType)
                {
                    if (TypeNames.FullName(type) == "System.Data.Common.DbCommandBuilder")
                    {
                        return true;
                    }
                }

                return false;
            }

            if (method is not { Name: "Replace", ContainingType.SpecialType: SpecialType.System_String } || invocation.Arguments.Length < 2)
            {
                return false;
            }

            var quote = invocation.Arguments[0].Value.ConstantValue;
            var doubled = invocation.Arguments[1].Value.ConstantValue;
            return quote is { HasValue: true, Value: "]" or "'" or "\"" or '\'' or ']' or '"' } && doubled is { HasValue: true }
                && doubled.Value?.ToString() == quote.Value?.ToString() + quote.Value?.ToString();
        }
    }
}
