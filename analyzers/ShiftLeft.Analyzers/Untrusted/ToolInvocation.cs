// Usage: ToolInvocation.InvokesToolsAutomatically(call, facts, shiftLeft.MemberWrites)
// A model call that lets the model call tools and feeds their results back before it returns carries tool results in
// its conversation (what enables that is AutoInvocation's to say). The call's arguments and
// receiver are followed to where they were built (locals of the member; fields and properties through every write in
// their type).
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal static class ToolInvocation
    {
        private const int MaxDepth = 4;

        public static bool InvokesToolsAutomatically(in ModelCall call, MemberFacts facts, MemberWrites writes)
        {
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var argument in call.Invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && Enables(argument.Value, facts, writes, seen, 0))
                {
                    return true;
                }
            }

            return call.Receiver is { } receiver && Enables(receiver, facts, writes, seen, 0);
        }

        private static bool Enables(IOperation value, MemberFacts facts, MemberWrites writes, HashSet<ISymbol> seen, int depth)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation assignment when AutoInvocation.IsToolsAssignment(assignment):
                        return true;
                    case IInvocationOperation invocation when AutoInvocation.EnablesTools(invocation):
                        return true;
                    case IPropertyReferenceOperation property when AutoInvocation.IsAutoInvokeKernelFunctions(property):
                        return true;
                    case IObjectCreationOperation creation when AutoInvocation.IsAgentWithTools(creation):
                        return true;
                    case ILocalReferenceOperation local when depth < MaxDepth && seen.Add(local.Local):
                        foreach (var write in facts.Writes)
                        {
                            if (SymbolEqualityComparer.Default.Equals(write.Target, local.Local) && Enables(write.Value, facts, writes, seen, depth + 1))
                            {
                                return true;
                            }
                        }

                        if (ToolsSetOn(local.Local, facts))
                        {
                            return true;
                        }

                        break;
                    case IFieldReferenceOperation field when depth < MaxDepth && !field.Field.DeclaringSyntaxReferences.IsEmpty && seen.Add(field.Field):
                        if (AnyWrite(field.Field, writes, seen, depth))
                        {
                            return true;
                        }

                        break;
                    case IPropertyReferenceOperation property when depth < MaxDepth && !property.Property.DeclaringSyntaxReferences.IsEmpty && seen.Add(property.Property):
                        if (AnyWrite(property.Property, writes, seen, depth))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool AnyWrite(ISymbol member, MemberWrites writes, HashSet<ISymbol> seen, int depth)
        {
            foreach (var written in writes.Of(member))
            {
                if (Enables(written, MemberFacts.Gather(OperationScope.GetMemberRoot(written)), writes, seen, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>options.Tools = […]</c> or <c>options.Tools.Add(…)</c> on the local after it was made.</summary>
        private static bool ToolsSetOn(ILocalSymbol local, MemberFacts facts)
        {
            foreach (var invocation in facts.Invocations)
            {
                if (invocation.TargetMethod.Name is "Add" or "AddRange" && invocation.Instance is IPropertyReferenceOperation { Property.Name: "Tools", Instance: ILocalReferenceOperation owner }
                    && SymbolEqualityComparer.Default.Equals(owner.Local, local))
                {
                    return true;
                }
            }

            foreach (var operation in facts.Root.DescendantsAndSelf())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Tools", Instance: ILocalReferenceOperation owner } } assignment
                    && SymbolEqualityComparer.Default.Equals(owner.Local, local) && AutoInvocation.IsToolsAssignment(assignment))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
