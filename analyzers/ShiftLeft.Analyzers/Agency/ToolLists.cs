// Usage: ToolLists.Collect(toolsValue, found)   // the tools of ChatOptions.Tools = …, Tools.Add(…), tools: …
// The Microsoft.Extensions.AI tools a list carries, each with the element that puts it there: AIFunctionFactory.Create
// of a method group or a lambda (its name: the name argument or the options' Name, else the method's). A list is followed through collection
// expressions, arrays, collection initializers, and locals, fields and properties written in the same file (their
// initializer, assignments and Add calls). An element wrapped in ApprovalRequiredAIFunction (or a type deriving from it)
// asks for approval and is skipped; so are spreads and tools made elsewhere (kernel functions as AIFunctions, MCP
// client tools), whose bodies are not known here.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Agency
{
    internal static class ToolLists
    {
        private const int MaxDepth = 3;

        /// <summary>An array or generic collection of Microsoft.Extensions.AI AITool or AIFunction (AITool[], List&lt;AITool&gt;, IEnumerable&lt;AIFunction&gt;, …).</summary>
        public static bool IsToolCollection(ITypeSymbol? type)
        {
            var element = type switch
            {
                IArrayTypeSymbol array => array.ElementType,
                INamedTypeSymbol { TypeArguments.Length: 1 } generic => generic.TypeArguments[0],
                _ => null,
            };
            return element is INamedTypeSymbol { Name: "AITool" or "AIFunction" } tool && AutoInvocation.IsExtensionsAi(tool);
        }

        public static void Collect(IOperation list, List<ExposedTool> found) => CollectList(list, found, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0);

        /// <summary>One element (<c>Tools.Add(x)</c>), reported where it is written.</summary>
        public static void CollectElement(IOperation element, List<ExposedTool> found) => Element(element, element.Syntax, found, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0);

        private static void CollectList(IOperation list, List<ExposedTool> found, HashSet<ISymbol> seen, int depth)
        {
            switch (OperationScope.Unwrap(list))
            {
                case ICollectionExpressionOperation collection:
                    foreach (var element in collection.Elements)
                    {
                        if (element is not ISpreadOperation)
                        {
                            Element(element, element.Syntax, found, seen, depth);
                        }
                    }

                    break;
                case IArrayCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.ElementValues)
                    {
                        Element(element, element.Syntax, found, seen, depth);
                    }

                    break;
                case IObjectCreationOperation { Initializer: { } initializer }:
                    foreach (var item in initializer.Initializers)
                    {
                        if (item is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
                        {
                            Element(add.Arguments[0].Value, add.Arguments[0].Value.Syntax, found, seen, depth);
                        }
                    }

                    break;
                case var stored when depth < MaxDepth && Storage(stored) is { } symbol && seen.Add(symbol):
                    foreach (var written in WrittenValues.Of(symbol, stored))
                    {
                        CollectList(written, found, seen, depth + 1);
                    }

                    foreach (var add in AddsTo(symbol, stored))
                    {
                        Element(add, add.Syntax, found, seen, depth + 1);
                    }

                    break;
            }
        }

        private static void Element(IOperation element, SyntaxNode reported, List<ExposedTool> found, HashSet<ISymbol> seen, int depth)
        {
            var value = OperationScope.Unwrap(element);
            switch (value)
            {
                case IInvocationOperation { TargetMethod: { Name: "Create", ContainingType.Name: "AIFunctionFactory" } } create when create.Arguments.Length > 0:
                    if (Tool(create, reported) is { } tool)
                    {
                        found.Add(tool);
                    }

                    break;
                case var stored when depth < MaxDepth && Storage(stored) is { } symbol && seen.Add(symbol):
                    foreach (var written in WrittenValues.Of(symbol, stored))
                    {
                        Element(written, reported, found, seen, depth + 1);
                    }

                    break;
            }
        }

        private static ExposedTool? Tool(IInvocationOperation create, SyntaxNode reported)
        {
            string? name = null;
            IOperation? target = null;
            foreach (var argument in create.Arguments)
            {
                if (argument.Parameter?.Name == "name" && argument.Value.ConstantValue is { HasValue: true, Value: string declared } && declared.Length > 0)
                {
                    name = declared;
                }
                else if (argument.Parameter?.Type.Name == "AIFunctionFactoryOptions" && OptionsName(argument.Value) is { } optionsName)
                {
                    name = optionsName;
                }
                else if (argument.Parameter?.Ordinal == 0)
                {
                    target = OperationScope.Unwrap(argument.Value);
                }
            }

            switch (target)
            {
                case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                    return new ExposedTool(reported, name ?? reference.Method.Name, reference.Method, null, reference.Method);
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                    return new ExposedTool(reported, name ?? "the lambda tool", null, lambda.Body, lambda.Symbol);
                default:
                    return null;
            }
        }

        /// <summary><c>new AIFunctionFactoryOptions { Name = "…" }</c>.</summary>
        private static string? OptionsName(IOperation options)
        {
            if (OperationScope.Unwrap(options) is IObjectCreationOperation { Initializer: { } initializer })
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Name" }, Value.ConstantValue: { HasValue: true, Value: string { Length: > 0 } named } })
                    {
                        return named;
                    }
                }
            }

            return null;
        }

        /// <summary>A local, or a field or property declared in source: storage whose writes can be read.</summary>
        private static ISymbol? Storage(IOperation value) => value switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation { Field.DeclaringSyntaxReferences.IsEmpty: false } field => field.Field,
            IPropertyReferenceOperation { Property.DeclaringSyntaxReferences.IsEmpty: false, Arguments.Length: 0 } property => property.Property,
            _ => null,
        };

        /// <summary>The arguments of <c>symbol.Add(x)</c> in the member that reads it.</summary>
        private static IEnumerable<IOperation> AddsTo(ISymbol symbol, IOperation reference)
        {
            foreach (var operation in OperationScope.GetMemberRoot(reference).DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add
                    && add.Instance is { } instance && Storage(OperationScope.Unwrap(instance)) is { } target
                    && SymbolEqualityComparer.Default.Equals(target, symbol))
                {
                    yield return add.Arguments[0].Value;
                }
            }
        }
    }
}
