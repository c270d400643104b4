// Usage (one instance per compilation): var flags = DangerousTemplateContent.Create(shiftLeft);   // null without Semantic Kernel
//   if (flags.IsSwitchedOn(assignment, out var variable)) ...                      // AllowDangerouslySetContent = true
//   foreach (var (key, value) in flags.ArgumentsOf(facts, variable)) ...          // what the member hands the template
// Semantic Kernel HTML-encodes every value it inserts into a chat prompt template, so a value cannot close the
// <message> tag it sits in and open a <message role="system">. AllowDangerouslySetContent = true (on the template
// config, one input variable, or a template factory) turns that off. It is dangerous exactly when a value that reaches
// the template comes from outside; the values the analysis sees reach it are the KernelArguments the same member builds
// (an initializer's entries, indexer writes, Add calls). For an input variable only its own argument counts (matched by
// name when both names are constants). A flag whose arguments are built elsewhere is not reported.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.PromptInjection
{
    internal sealed class DangerousTemplateContent
    {
        private const string PropertyName = "AllowDangerouslySetContent";

        private readonly HashSet<IPropertySymbol> _flags = new(SymbolEqualityComparer.Default);
        private readonly IPropertySymbol? _inputVariableFlag;
        private readonly INamedTypeSymbol _kernelArguments;

        private DangerousTemplateContent(ShiftLeftCompilation shiftLeft, INamedTypeSymbol kernelArguments)
        {
            _kernelArguments = kernelArguments;
            foreach (var name in new[]
            {
                "Microsoft.SemanticKernel.PromptTemplateConfig", "Microsoft.SemanticKernel.InputVariable", "Microsoft.SemanticKernel.KernelPromptTemplateFactory",
                "Microsoft.SemanticKernel.PromptTemplates.Handlebars.HandlebarsPromptTemplateFactory", "Microsoft.SemanticKernel.PromptTemplates.Liquid.LiquidPromptTemplateFactory",
            })
            {
                if (shiftLeft.Types.Get(name) is not { } type)
                {
                    continue;
                }

                foreach (var member in type.GetMembers(PropertyName))
                {
                    if (member is IPropertySymbol property)
                    {
                        _flags.Add(property);
                        if (name == "Microsoft.SemanticKernel.InputVariable")
                        {
                            _inputVariableFlag = property;
                        }
                    }
                }
            }
        }

        public static DangerousTemplateContent? Create(ShiftLeftCompilation shiftLeft) =>
            shiftLeft.Types.Get("Microsoft.SemanticKernel.KernelArguments") is { } arguments && new DangerousTemplateContent(shiftLeft, arguments) is { _flags.Count: > 0 } flags
                ? flags
                : null;

        /// <summary>
        /// <c>AllowDangerouslySetContent = true</c> on a Semantic Kernel type; <paramref name="variable"/> is the input
        /// variable's constant name when the flag is an input variable's (set in the same initializer), else null.
        /// </summary>
        public bool IsSwitchedOn(ISimpleAssignmentOperation assignment, out string? variable)
        {
            variable = null;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property } || !_flags.Contains(property.OriginalDefinition)
                || assignment.Value.ConstantValue is not { HasValue: true, Value: true })
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, _inputVariableFlag) && assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
            {
                foreach (var sibling in initializer.Initializers)
                {
                    if (sibling is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Name" }, Value.ConstantValue: { HasValue: true, Value: string name } })
                    {
                        variable = name;
                    }
                }
            }

            return true;
        }

        /// <summary>The values the member under <paramref name="root"/> puts into KernelArguments (for <paramref name="variable"/> only, when given), with their keys.</summary>
        public IEnumerable<(string? Key, IOperation Value)> ArgumentsOf(IOperation root, string? variable)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                IOperation? key = null;
                IOperation? value = null;
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } write
                        when IsArguments(indexer.Instance?.Type):
                        key = indexer.Arguments[0].Value;
                        value = write.Value;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add when IsArguments(add.Instance?.Type):
                        key = add.Arguments[0].Value;
                        value = add.Arguments[1].Value;
                        break;
                }

                if (value is null)
                {
                    continue;
                }

                var keyName = key?.ConstantValue is { HasValue: true, Value: string constant } ? constant : null;
                if (variable is null || keyName is null || string.Equals(keyName, variable, StringComparison.Ordinal))
                {
                    yield return (keyName, value);
                }
            }
        }

        // The receiver's type, not the member's: KernelArguments inherits its indexer and Add from AIFunctionArguments.
        private bool IsArguments(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, _kernelArguments))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
