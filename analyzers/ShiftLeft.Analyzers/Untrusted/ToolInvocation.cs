// Usage: ToolInvocation.InvokesToolsAutomatically(call, facts, models)
// A model call that lets the model call tools and feeds their results back before it returns carries tool results in
// its conversation: Microsoft.Extensions.AI ChatOptions with Tools (the function-invoking client runs them),
// Semantic Kernel's FunctionChoiceBehavior.Auto() / Required() (auto-invoke is their default) and
// ToolCallBehavior.AutoInvokeKernelFunctions, an Agent Framework agent made with tools. The call's arguments and
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

        public static bool InvokesToolsAutomatically(in ModelCall call, MemberFacts facts, SemanticModels models)
        {
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var argument in call.Invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && Enables(argument.Value, facts, models, seen, 0))
                {
                    return true;
                }
            }

            return call.Receiver is { } receiver && Enables(receiver, facts, models, seen, 0);
        }

        private static bool Enables(IOperation value, MemberFacts facts, SemanticModels models, HashSet<ISymbol> seen, int depth)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Tools" } target } assignment
                        when IsExtensionsAi(target.Property.ContainingType) && !IsNullOrEmpty(assignment.Value):
                        return true;
                    case IInvocationOperation invocation when EnablesTools(invocation):
                        return true;
                    case IPropertyReferenceOperation { Property.Name: "AutoInvokeKernelFunctions" } property when IsSemanticKernel(property.Property.ContainingType):
                        return true;
                    case IObjectCreationOperation creation when creation.Type?.Name == "ChatClientAgent" && HasArgument(creation.Arguments, "tools"):
                        return true;
                    case ILocalReferenceOperation local when depth < MaxDepth && seen.Add(local.Local):
                        foreach (var write in facts.Writes)
                        {
                            if (SymbolEqualityComparer.Default.Equals(write.Target, local.Local) && Enables(write.Value, facts, models, seen, depth + 1))
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
                        if (AnyWrite(field.Field, models, seen, depth))
                        {
                            return true;
                        }

                        break;
                    case IPropertyReferenceOperation property when depth < MaxDepth && !property.Property.DeclaringSyntaxReferences.IsEmpty && seen.Add(property.Property):
                        if (AnyWrite(property.Property, models, seen, depth))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool AnyWrite(ISymbol member, SemanticModels models, HashSet<ISymbol> seen, int depth)
        {
            foreach (var written in MemberWrites.Of(member, models))
            {
                if (Enables(written, MemberFacts.Gather(OperationScope.GetMemberRoot(written)), models, seen, depth + 1))
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
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Tools", Instance: ILocalReferenceOperation owner } target } assignment
                    && SymbolEqualityComparer.Default.Equals(owner.Local, local) && IsExtensionsAi(target.Property.ContainingType) && !IsNullOrEmpty(assignment.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>FunctionChoiceBehavior.Auto()/Required() unless autoInvoke: false; ToolCallBehavior.RequireFunction(…, autoInvoke: true); an agent factory given tools.</summary>
        private static bool EnablesTools(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (method.Name is "Auto" or "Required" && type?.Name == "FunctionChoiceBehavior" && IsSemanticKernel(type))
            {
                return !IsFalse(invocation, "autoInvoke");
            }

            if (method.Name == "RequireFunction" && type?.Name == "ToolCallBehavior")
            {
                return !IsFalse(invocation, "autoInvoke") && HasArgument(invocation.Arguments, "autoInvoke");
            }

            return method.Name is "AsAIAgent" or "CreateAIAgent" or "AsAgent" && HasArgument(invocation.Arguments, "tools");
        }

        private static bool IsFalse(IInvocationOperation invocation, string parameter)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameter && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument.Value.ConstantValue is { HasValue: true, Value: false };
                }
            }

            return false;
        }

        private static bool HasArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string parameter)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameter && argument.ArgumentKind != ArgumentKind.DefaultValue && !IsNullOrEmpty(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsNullOrEmpty(IOperation value)
        {
            var unwrapped = OperationScope.Unwrap(value);
            return unwrapped.ConstantValue is { HasValue: true, Value: null }
                || unwrapped is IDefaultValueOperation
                || (unwrapped is ICollectionExpressionOperation collection && collection.Elements.IsEmpty);
        }

        private static bool IsExtensionsAi(INamedTypeSymbol? type) => type?.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.AI";

        private static bool IsSemanticKernel(INamedTypeSymbol? type) =>
            type?.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.SemanticKernel", System.StringComparison.Ordinal) == true;
    }
}
