// Usage: var scope = kernelScopes.Of(importCall); if (scope.AutoInvokes && !scope.Approved) …
// Whether the kernel a plugin is imported into invokes its functions automatically, and whether an approver watches
// them. The kernel's scope is the member that imports the plugin, or — when the kernel (or its builder) is a field or
// property of the importing class — every member of that class. In that scope, auto-invocation is
// FunctionChoiceBehavior.Auto()/Required() without autoInvoke: false, or ToolCallBehavior.AutoInvokeKernelFunctions
// (AutoInvocation says which); an approver is a filter declared an approver (ToolApprovers) added to
// AutoFunctionInvocationFilters / FunctionInvocationFilters or registered as IAutoFunctionInvocationFilter /
// IFunctionInvocationFilter in the service collection. Syntax picks the few calls worth binding; a class's answer is
// computed once.
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Agency
{
    internal readonly struct KernelScope
    {
        public KernelScope(bool autoInvokes, bool approved)
        {
            AutoInvokes = autoInvokes;
            Approved = approved;
        }

        public bool AutoInvokes { get; }

        public bool Approved { get; }

        public KernelScope With(KernelScope other) => new(AutoInvokes || other.AutoInvokes, Approved || other.Approved);
    }

    internal sealed class KernelScopes
    {
        private readonly ShiftLeftCompilation _shiftLeft;
        private readonly ConcurrentDictionary<INamedTypeSymbol, KernelScope> _types = new(SymbolEqualityComparer.Default);

        public KernelScopes(ShiftLeftCompilation shiftLeft) => _shiftLeft = shiftLeft;

        public KernelScope Of(IInvocationOperation import)
        {
            var root = OperationScope.GetMemberRoot(import);
            var model = import.SemanticModel!;
            var scope = Read(root.Syntax, model);
            var kernel = OperationScope.GetInvocationTarget(import) is { } receiver ? OperationScope.Unwrap(receiver) : null;
            if (kernel is IPropertyReferenceOperation { Property.Name: "Plugins", Instance: { } owner })
            {
                kernel = OperationScope.Unwrap(owner);
            }

            var member = kernel switch
            {
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => (ISymbol)field.Field,
                IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property => property.Property,
                _ => null,
            };
            if (member is { DeclaringSyntaxReferences.IsEmpty: false, ContainingType: { } type })
            {
                scope = scope.With(_types.GetOrAdd(type, ReadType));
            }

            return scope;
        }

        private KernelScope ReadType(INamedTypeSymbol type)
        {
            var scope = default(KernelScope);
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
#pragma warning disable RS1030 // The other declarations of a partial class whose field holds the kernel: read once per class.
                var model = _shiftLeft.Compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
                scope = scope.With(Read(reference.GetSyntax(), model));
            }

            return scope;
        }

        private KernelScope Read(SyntaxNode scopeSyntax, SemanticModel model)
        {
            bool autoInvokes = false, approved = false;
            foreach (var node in scopeSyntax.DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when IsInteresting(invocation):
                        if (model.GetOperation(invocation) is IInvocationOperation operation)
                        {
                            autoInvokes |= AutoInvocation.IsAutoInvokingChoice(operation);
                            approved |= RegistersApprover(operation);
                        }

                        break;
                    case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AutoInvokeKernelFunctions" } access:
                        autoInvokes |= model.GetOperation(access) is IPropertyReferenceOperation property && AutoInvocation.IsAutoInvokeKernelFunctions(property);
                        break;
                }
            }

            return new KernelScope(autoInvokes, approved);
        }

        private bool RegistersApprover(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "Add" && invocation.Instance is IPropertyReferenceOperation { Property.Name: "AutoFunctionInvocationFilters" or "FunctionInvocationFilters" })
            {
                return invocation.Arguments.Length == 1 && ToolApprovers.IsApprover(_shiftLeft.Options, OperationScope.Unwrap(invocation.Arguments[0].Value).Type);
            }

            var registersFilter = false;
            foreach (var argument in method.TypeArguments)
            {
                registersFilter |= argument.Name is "IAutoFunctionInvocationFilter" or "IFunctionInvocationFilter";
            }

            if (!registersFilter)
            {
                return false;
            }

            foreach (var argument in method.TypeArguments)
            {
                if (ToolApprovers.IsApprover(_shiftLeft.Options, argument))
                {
                    return true;
                }
            }

            foreach (var argument in invocation.Arguments)
            {
                var value = OperationScope.Unwrap(argument.Value);
                var type = value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ? ReturnedType(lambda) : value.Type;
                if (ToolApprovers.IsApprover(_shiftLeft.Options, type))
                {
                    return true;
                }
            }

            return false;
        }

        private static ITypeSymbol? ReturnedType(IAnonymousFunctionOperation lambda)
        {
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned })
                {
                    return OperationScope.Unwrap(returned).Type;
                }
            }

            return null;
        }

        /// <summary>A call worth binding: Auto()/Required()/RequireFunction(…), filters.Add(…), or a service registration naming a filter interface.</summary>
        private static bool IsInteresting(InvocationExpressionSyntax invocation)
        {
            var called = invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                SimpleNameSyntax simple => simple,
                MemberBindingExpressionSyntax binding => binding.Name,
                _ => null,
            };
            switch (called?.Identifier.ValueText)
            {
                case null:
                    return false;
                case "Auto" or "Required" or "RequireFunction":
                    return true;
                case "Add":
                    return invocation.Expression is MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AutoFunctionInvocationFilters" or "FunctionInvocationFilters" } };
                default:
                    if (called is GenericNameSyntax generic)
                    {
                        foreach (var argument in generic.TypeArgumentList.Arguments)
                        {
                            var last = argument is QualifiedNameSyntax qualified ? qualified.Right : argument as SimpleNameSyntax;
                            if (last?.Identifier.ValueText is "IAutoFunctionInvocationFilter" or "IFunctionInvocationFilter")
                            {
                                return true;
                            }
                        }
                    }

                    return false;
            }
        }
    }
}
