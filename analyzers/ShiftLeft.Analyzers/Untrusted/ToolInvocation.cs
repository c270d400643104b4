// Usage: ToolInvocation.InvokesToolsAutomatically(call, facts, shiftLeft.MemberWrites)
//        ToolInvocation.ExposedBy(call, facts, shiftLeft.MemberWrites, compilation)   // which tools, or null when none are invoked automatically
// A model call that lets the model call tools and feeds their results back before it returns carries tool results in
// its conversation (what enables that is AutoInvocation's to say). The call's arguments and
// receiver are followed to where they were built (locals of the member; fields and properties through every write in
// their type). Where each enabling setting names its tools (the ChatOptions.Tools list, FunctionChoiceBehavior's
// functions, an agent's tools, else the plugins of the kernel the call runs on) is recorded as a ToolOrigin, from
// which ToolExposure follows them to their code.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal static class ToolInvocation
    {
        private const int MaxDepth = 4;

        public static bool InvokesToolsAutomatically(in ModelCall call, MemberFacts facts, MemberWrites writes) => Find(call, facts, writes, origins: null);

        /// <summary>
        /// The tools <paramref name="call"/> lets the model invoke automatically, followed to their code as far as the
        /// compilation shows it; null when the call invokes no tools automatically.
        /// </summary>
        public static ExposedTools? ExposedBy(in ModelCall call, MemberFacts facts, MemberWrites writes, Compilation compilation)
        {
            var origins = new List<ToolOrigin>();
            return Find(call, facts, writes, origins) ? new ToolExposure(compilation, writes).Follow(call, facts, origins) : null;
        }

        /// <summary>Whether the call enables automatic tool invocation; with <paramref name="origins"/>, every place that does is recorded there.</summary>
        private static bool Find(in ModelCall call, MemberFacts facts, MemberWrites writes, List<ToolOrigin>? origins)
        {
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var found = false;
            foreach (var argument in call.Invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && Enables(argument.Value, facts, writes, seen, 0, origins))
                {
                    if (origins is null)
                    {
                        return true;
                    }

                    found = true;
                }
            }

            return (call.Receiver is { } receiver && Enables(receiver, facts, writes, seen, 0, origins)) || found;
        }

        private static bool Enables(IOperation value, MemberFacts facts, MemberWrites writes, HashSet<ISymbol> seen, int depth, List<ToolOrigin>? origins)
        {
            var found = false;
            foreach (var operation in value.DescendantsAndSelf())
            {
                ToolOrigin? origin = null;
                switch (operation)
                {
                    case ISimpleAssignmentOperation assignment when AutoInvocation.IsToolsAssignment(assignment):
                        origin = ToolOrigin.List(assignment.Value, facts);
                        break;
                    case IInvocationOperation invocation when AutoInvocation.EnablesTools(invocation):
                        origin = OriginOf(invocation, facts);
                        break;
                    case IPropertyReferenceOperation property when AutoInvocation.IsAutoInvokeKernelFunctions(property):
                        origin = ToolOrigin.KernelPlugins(facts);
                        break;
                    case IObjectCreationOperation creation when AutoInvocation.IsAgentWithTools(creation):
                        origin = ToolOrigin.List(ArgumentValue(creation.Arguments, "tools")!, facts);
                        break;
                    case ILocalReferenceOperation local when depth < MaxDepth && seen.Add(local.Local):
                        foreach (var write in facts.Writes)
                        {
                            if (SymbolEqualityComparer.Default.Equals(write.Target, local.Local) && Enables(write.Value, facts, writes, seen, depth + 1, origins))
                            {
                                if (origins is null)
                                {
                                    return true;
                                }

                                found = true;
                            }
                        }

                        if (ToolsSetOn(local.Local, facts, origins))
                        {
                            if (origins is null)
                            {
                                return true;
                            }

                            found = true;
                        }

                        break;
                    case IFieldReferenceOperation field when depth < MaxDepth && !field.Field.DeclaringSyntaxReferences.IsEmpty && seen.Add(field.Field):
                        if (AnyWrite(field.Field, writes, seen, depth, origins))
                        {
                            if (origins is null)
                            {
                                return true;
                            }

                            found = true;
                        }

                        break;
                    case IPropertyReferenceOperation property when depth < MaxDepth && !property.Property.DeclaringSyntaxReferences.IsEmpty && seen.Add(property.Property):
                        if (AnyWrite(property.Property, writes, seen, depth, origins))
                        {
                            if (origins is null)
                            {
                                return true;
                            }

                            found = true;
                        }

                        break;
                }

                if (origin is { } enabling)
                {
                    if (origins is null)
                    {
                        return true;
                    }

                    origins.Add(enabling);
                    found = true;
                }
            }

            return found;
        }

        private static bool AnyWrite(ISymbol member, MemberWrites writes, HashSet<ISymbol> seen, int depth, List<ToolOrigin>? origins)
        {
            var found = false;
            foreach (var written in writes.Of(member))
            {
                if (Enables(written, MemberFacts.Gather(OperationScope.GetMemberRoot(written)), writes, seen, depth + 1, origins))
                {
                    if (origins is null)
                    {
                        return true;
                    }

                    found = true;
                }
            }

            return found;
        }

        /// <summary><c>options.Tools = […]</c> or <c>options.Tools.Add(…)</c> on the local after it was made.</summary>
        private static bool ToolsSetOn(ILocalSymbol local, MemberFacts facts, List<ToolOrigin>? origins)
        {
            var found = false;
            foreach (var invocation in facts.Invocations)
            {
                if (invocation.TargetMethod.Name is "Add" or "AddRange" && invocation.Instance is IPropertyReferenceOperation { Property.Name: "Tools", Instance: ILocalReferenceOperation owner }
                    && SymbolEqualityComparer.Default.Equals(owner.Local, local))
                {
                    if (origins is null)
                    {
                        return true;
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        origins.Add(ToolOrigin.List(argument.Value, facts));
                    }

                    found = true;
                }
            }

            foreach (var operation in facts.Root.DescendantsAndSelf())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Tools", Instance: ILocalReferenceOperation owner } } assignment
                    && SymbolEqualityComparer.Default.Equals(owner.Local, local) && AutoInvocation.IsToolsAssignment(assignment))
                {
                    if (origins is null)
                    {
                        return true;
                    }

                    origins.Add(ToolOrigin.List(assignment.Value, facts));
                    found = true;
                }
            }

            return found;
        }

        /// <summary>Where an enabling invocation (<see cref="AutoInvocation.EnablesTools"/>) names its tools.</summary>
        private static ToolOrigin OriginOf(IInvocationOperation invocation, MemberFacts facts)
        {
            if (AutoInvocation.IsAgentFactory(invocation.TargetMethod))
            {
                return ToolOrigin.List(ArgumentValue(invocation.Arguments, "tools")!, facts);
            }

            if (invocation.TargetMethod.Name == "RequireFunction")
            {
                return ToolOrigin.List(invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : invocation, facts);
            }

            // Without functions, the model is offered every function of the kernel the call runs on.
            return AutoInvocation.HasArgument(invocation.Arguments, "functions")
                ? ToolOrigin.List(ArgumentValue(invocation.Arguments, "functions")!, facts)
                : ToolOrigin.KernelPlugins(facts);
        }

        /// <summary>The value passed for <paramref name="parameter"/>, or null when it is left to its default.</summary>
        internal static IOperation? ArgumentValue(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string parameter)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameter && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument.Value;
                }
            }

            return null;
        }
    }
}
