// Usage (one instance per compilation): var flags = DangerousTemplateContent.Create(shiftLeft);   // null without Semantic Kernel
//   if (flags.IsSwitchedOn(assignment, out var variable)) ...                      // AllowDangerouslySetContent = true that unencodes arguments
//   foreach (var (key, value) in flags.ArgumentsOf(root, variable)) ...           // what the member hands the template
// Semantic Kernel HTML-encodes the values it inserts into a chat prompt template, so a value cannot close the
// <message> tag it sits in and open a <message role="system">. AllowDangerouslySetContent = true turns that off for
// the template's arguments when it is set on a template factory (KernelPromptTemplateFactory, Handlebars, Liquid: every
// argument), on an input variable (that argument), or on a PromptTemplateConfig whose TemplateFormat is "handlebars" or
// "liquid" (every argument). On a config of the default format it unencodes only the results of functions the template
// calls, never its variables (KernelPromptTemplate.ShouldEncodeTags, SK 1.82), which the analysis cannot follow: not
// reported. The flag is dangerous exactly when a value that reaches the unencoded arguments comes from outside; the
// values the analysis sees reach them are the KernelArguments the same member builds (an initializer's entries, indexer
// writes, Add calls). For an input variable only its own argument counts (matched by name when both names are
// constants). A flag whose arguments are built elsewhere is not reported.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
        private readonly IPropertySymbol? _configFlag;
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
                        else if (name == "Microsoft.SemanticKernel.PromptTemplateConfig")
                        {
                            _configFlag = property;
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
        /// <c>AllowDangerouslySetContent = true</c> where it unencodes template arguments; <paramref name="variable"/> is
        /// the input variable's constant name when the flag is an input variable's (set in the same initializer), else null.
        /// </summary>
        public bool IsSwitchedOn(ISimpleAssignmentOperation assignment, out string? variable)
        {
            variable = null;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property } || !_flags.Contains(property.OriginalDefinition)
                || assignment.Value.ConstantValue is not { HasValue: true, Value: true })
            {
                return false;
            }

            var flag = property.OriginalDefinition;
            var siblings = assignment.Parent is IObjectOrCollectionInitializerOperation initializer ? initializer.Initializers : ImmutableArray<IOperation>.Empty;
            if (SymbolEqualityComparer.Default.Equals(flag, _inputVariableFlag))
            {
                variable = ConstantSibling(siblings, "Name");
            }
            else if (SymbolEqualityComparer.Default.Equals(flag, _configFlag))
            {
                return ConstantSibling(siblings, "TemplateFormat") is { } format
                    && (format.Equals("handlebars", StringComparison.OrdinalIgnoreCase) || format.Equals("liquid", StringComparison.OrdinalIgnoreCase));
            }

            return true;
        }

        private static string? ConstantSibling(ImmutableArray<IOperation> siblings, string property)
        {
            foreach (var sibling in siblings)
            {
                if (sibling is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target, Value.ConstantValue: { HasValue: true, Value: string value } }
                    && target.Property.Name == property)
                {
                    return value;
                }
            }

            return null;
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
