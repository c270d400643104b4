// Usage: ToolApprovers.IsApprover(shiftLeft.Options, type)   // a type declared to ask a human before a tool runs
// An approver is declared, never guessed: its type is listed in shiftleft.approver_methods (or one of its methods is),
// or it (or a containing type) is marked [ToolApprover] (simple name, any namespace). Semantic Kernel invocation
// filters (IAutoFunctionInvocationFilter, IFunctionInvocationFilter) are where one is registered.
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Agency
{
    internal static class ToolApprovers
    {
        public static bool IsApprover(ShiftLeftOptions options, ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (options.ApproverMethods.MatchesType(type) || AttributeNames.HasOnSymbolOrContainingTypes(type, AttributeNames.ToolApprover))
            {
                return true;
            }

            if (options.ApproverMethods.IsEmpty)
            {
                return false;
            }

            // "Contoso.Approvals.HumanGate.OnAutoFunctionInvocationAsync": the filter method itself is listed.
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } method && options.ApproverMethods.MatchesMethod(method))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
