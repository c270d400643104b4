using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.PersonalData.Flow
{
    /// <summary>
    /// The transfer function of the personal-data flow analysis: evaluates one operation against the current state
    /// (which locals, parameters, fields of <c>this</c> and flow captures hold personal data), updating the state for
    /// assignments and mutations (StringBuilder.Append, list.Add, ChatHistory.AddUserMessage) and, in reporting
    /// mode, recording every sink that receives personal data. Expression rules live here; invocation and
    /// creation rules in the other part of this class.
    /// </summary>
    internal sealed partial class TaintEvaluator
    {
        // Deeper nesting than this is not real code; stopping keeps the compiler's stack safe on generated input.
        private const int MaxDepth = 128;

        // Members through which a message, prompt or model response exposes its text.
        private static readonly ImmutableHashSet<string> ContentMemberNames = ImmutableHashSet.Create(
            "Text", "Content", "Contents", "Message", "Messages", "Value", "Items", "Parts", "Choices",
            "Result", "Results", "OutputText", "Prompt", "Input", "Output", "Refusal", "Current");

        private readonly IPersonalDataRules _rules;
        private readonly FlowFindings _findings;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<object, Taint> _capturedWrites;
        private readonly Dictionary<object, object> _captureAliases = new Dictionary<object, object>();
        private readonly Dictionary<IOperation, Taint?> _argumentValues = new Dictionary<IOperation, Taint?>();
        private readonly Dictionary<IInvocationOperation, InvocationClassification> _classifications = new Dictionary<IInvocationOperation, InvocationClassification>();
        private Dictionary<object, Taint> _state = new Dictionary<object, Taint>();
        private bool _reporting;

        // The member's name when it is a tool: its own parameters are the model's arguments.
        private readonly string? _toolName;

        public TaintEvaluator(IPersonalDataRules rules, FlowFindings findings, Dictionary<object, Taint> capturedWrites, CancellationToken cancellationToken, string? toolName = null)
        {
            _toolName = toolName;
            _capturedWrites = capturedWrites;
            _rules = rules;
            _findings = findings;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Lambdas met while evaluating; analysed after their containing graph.</summary>
        public HashSet<IFlowAnonymousFunctionOperation> AnonymousFunctions { get; } = new HashSet<IFlowAnonymousFunctionOperation>();

        /// <summary>Personal data passed to a local function, by parameter: its graph starts with these.</summary>
        public Dictionary<object, Taint> LocalFunctionArguments { get; } = new Dictionary<object, Taint>(SymbolKeyComparer.Instance);

        /// <summary>Every variable this evaluator assigned personal data to (for writes to captured variables).</summary>
        public Dictionary<object, Taint> Written { get; } = new Dictionary<object, Taint>(SymbolKeyComparer.Instance);

        /// <summary>Runs <paramref name="operation"/> (a statement of a basic block) over <paramref name="state"/>, which it updates.</summary>
        public void Execute(IOperation operation, Dictionary<object, Taint> state, bool reporting)
        {
            _state = state;
            _reporting = reporting;
            _argumentValues.Clear();
            Evaluate(operation, 0);
        }

        private Taint? Evaluate(IOperation? operation, int depth)
        {
            if (operation is null || depth > MaxDepth)
                return null;
            _cancellationToken.ThrowIfCancellationRequested();
            var result = EvaluateCore(operation, depth + 1);

            // Sink checks look argument values up again; remember them for this statement.
            if (operation.Parent is IArgumentOperation || operation.Parent is IArrayInitializerOperation)
                _argumentValues[operation] = result;
            return result;
        }

        private Taint? EvaluateCore(IOperation operation, int depth)
        {

            switch (operation)
            {
                case ILiteralOperation literal:
                    return EvaluateConstant(literal);
                case IConversionOperation conversion:
                    {
                        var operand = Evaluate(conversion.Operand, depth);
                        return PersonalDataTypes.IsNeverPersonal(conversion.Type) && !conversion.Operand.ConstantValue.HasValue ? null : operand;
                    }

                case ILocalReferenceOperation _:
                case IParameterReferenceOperation _:
                case IFlowCaptureReferenceOperation _:
                    return Lookup(operation);
                case IFieldReferenceOperation field:
                    return EvaluateMemberRead(operation, field.Field, field.Instance, field.Field.Type, isIndexer: false, depth);
                case IPropertyReferenceOperation property:
                    foreach (var argument in property.Arguments)
                        Evaluate(argument.Value, depth);
                    return EvaluateMemberRead(operation, property.Property, property.Instance, property.Property.Type, property.Property.IsIndexer, depth);
                case IArrayElementReferenceOperation element:
                    foreach (var index in element.Indices)
                        Evaluate(index, depth);
                    return Evaluate(element.ArrayReference, depth);
                case IInterpolatedStringOperation interpolated:
                    return EvaluateInterpolation(interpolated, depth);
                case IInterpolatedStringHandlerCreationOperation handler:
                    return Evaluate(handler.Content, depth);
                case IInterpolatedStringAdditionOperation addition:
                    return Taint.Join(Evaluate(addition.Left, depth), Evaluate(addition.Right, depth));
                case IBinaryOperation binary:
                    return EvaluateBinary(binary, depth);
                case ISimpleAssignmentOperation assignment:
                    {
                        var value = Evaluate(assignment.Value, depth);
                        EvaluateTargetSideEffects(assignment.Target, depth);
                        Assign(assignment.Target, value, assignment.Value);
                        AccumulateIntoContainer(assignment.Target, value, assignment.Value);
                        return value;
                    }

                case ICompoundAssignmentOperation compound:
                    {
                        var current = Evaluate(compound.Target, depth);
                        var added = Evaluate(compound.Value, depth);
                        var result = compound.Type?.SpecialType == SpecialType.System_String
                            ? Taint.Join(current, added?.EnteringAt(Unwrap(compound.Value).Syntax))
                            : null;
                        if (!Taint.Carries(result))
                            result = null;
                        Assign(compound.Target, result, compound.Value);
                        return result;
                    }

                case IVariableDeclaratorOperation declarator:
                    {
                        var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                        if (initializer is null)
                            return null;
                        var value = Evaluate(initializer.Value, depth);
                        AssignKey(declarator.Symbol, value, initializer.Value);
                        return value;
                    }

                case IFlowCaptureOperation capture:
                    {
                        var value = Evaluate(capture.Value, depth);
                        Set(capture.Id, value);

                        // The graph captures a receiver before calling it (builder.Append($"…")): a mutation through the
                        // capture is a mutation of the variable.
                        if (KeyOf(capture.Value) is { } captured)
                            _captureAliases[capture.Id] = captured;
                        return value;
                    }

                case IInvocationOperation invocation:
                    return EvaluateInvocation(invocation, depth);
                case IObjectCreationOperation creation:
                    return EvaluateObjectCreation(creation, depth);
                case IAnonymousObjectCreationOperation anonymous:
                    return Taint.Join(
                        ComposeAll(anonymous.Initializers.Select(i => i is ISimpleAssignmentOperation a ? a.Value : i), depth, TaintShape.None),
                        NamedPersonalMembers(anonymous.Initializers));
                case IArrayCreationOperation array:
                    foreach (var size in array.DimensionSizes)
                        Evaluate(size, depth);
                    return array.Initializer is null ? null : ComposeAll(array.Initializer.ElementValues, depth, TaintShape.None);
                case IArrayInitializerOperation initializer:
                    return ComposeAll(initializer.ElementValues, depth, TaintShape.None);
                case ICollectionExpressionOperation collection:
                    return ComposeAll(collection.Elements.Select(e => e is ISpreadOperation spread ? spread.Operand : e), depth, ShapeOf(collection.Type));
                case ITupleOperation tuple:
                    return ComposeAll(tuple.Elements, depth, TaintShape.None);
                case IAwaitOperation awaited:
                    return Evaluate(awaited.Operation, depth);
                case IConditionalOperation conditional:
                    Evaluate(conditional.Condition, depth);
                    return Taint.Join(Evaluate(conditional.WhenTrue, depth), Evaluate(conditional.WhenFalse, depth));
                case ICoalesceOperation coalesce:
                    return Taint.Join(Evaluate(coalesce.Value, depth), Evaluate(coalesce.WhenNull, depth));
                case IFlowAnonymousFunctionOperation lambda:
                    AnonymousFunctions.Add(lambda);
                    return null;
                case IReturnOperation returned:
                    return Evaluate(returned.ReturnedValue, depth);
                case IExpressionStatementOperation statement:
                    return Evaluate(statement.Operation, depth);
                case IArgumentOperation argument:
                    return Evaluate(argument.Value, depth);
                case IDefaultValueOperation _:
                case ITypeOfOperation _:
                case INameOfOperation _:
                case ISizeOfOperation _:
                case IInstanceReferenceOperation _:
                    return null;
                default:
                    foreach (var child in operation.ChildOperations)
                        Evaluate(child, depth);
                    return null;
            }
        }

        private static Taint? EvaluateConstant(IOperation literal)
        {
            if (literal.ConstantValue.HasValue && literal.ConstantValue.Value is string text)
            {
                var description = PersonalDataLiterals.Describe(text);
                if (description is not null)
                    return Taint.Source(description + " literal", literal.Syntax.GetLocation());
            }

            return null;
        }

        private Taint? EvaluateMemberRead(IOperation reference, ISymbol member, IOperation? instance, ITypeSymbol? type, bool isIndexer, int depth)
        {
            var key = KeyOf(reference);
            if (key is not null && _state.TryGetValue(key, out var assigned))
                return assigned;

            var instanceTaint = Evaluate(instance, depth);
            if (PersonalDataTypes.IsNeverPersonal(type))
                return null;
            if (!isIndexer && _rules.IsPersonalRead(member, instance))
                return Taint.Source(Describe(reference), reference.Syntax.GetLocation());

            // A message's, prompt's or response's text, or an element of a message list, is what they carry.
            return Taint.Carries(instanceTaint) && (isIndexer || ContentMemberNames.Contains(member.Name)) ? instanceTaint : null;
        }

        private Taint? EvaluateInterpolation(IInterpolatedStringOperation interpolated, int depth)
        {
            Taint? result = null;
            foreach (var part in interpolated.Parts)
            {
                switch (part)
                {
                    case IInterpolationOperation hole:
                        Evaluate(hole.Alignment, depth);
                        result = Taint.Join(result, Evaluate(hole.Expression, depth)?.EnteringAt(hole.Expression.Syntax));
                        break;
                    case IInterpolatedStringAppendOperation append when append.AppendCall is IInvocationOperation call && call.Arguments.Length > 0:
                        var value = call.Arguments[0].Value;
                        result = Taint.Join(result, Evaluate(value, depth)?.EnteringAt(value.Syntax));
                        break;
                    case IInterpolatedStringTextOperation text:
                        result = Taint.Join(result, Evaluate(text.Text, depth));
                        break;
                }
            }

            return Taint.Carries(result) ? result : null;
        }

        private Taint? EvaluateBinary(IBinaryOperation binary, int depth)
        {
            if (binary.OperatorKind != BinaryOperatorKind.Add || binary.Type?.SpecialType != SpecialType.System_String)
            {
                Evaluate(binary.LeftOperand, depth);
                Evaluate(binary.RightOperand, depth);
                return null;
            }

            // "a" + b + c + … nests to the left; walk the chain iteratively so long concatenations cost no stack.
            var operands = new Stack<IOperation>();
            IOperation current = binary;
            while (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add && add.Type?.SpecialType == SpecialType.System_String)
            {
                operands.Push(add.RightOperand);
                current = add.LeftOperand;
            }

            operands.Push(current);
            Taint? result = null;
            while (operands.Count > 0)
            {
                var operand = operands.Pop();
                result = Taint.Join(result, Evaluate(operand, depth)?.EnteringAt(Unwrap(operand).Syntax));
            }

            return Taint.Carries(result) ? result : null;
        }

        /// <summary>
        /// A value stored into a member named for personal data (<c>new { Email = GetValue(claims, "email") }</c>,
        /// <c>new UserInfo { PhoneNumber = x }</c>): the developer's own name says what the value is.
        /// </summary>
        private Taint? NamedPersonalMembers(IEnumerable<IOperation> initializers)
        {
            Taint? result = null;
            foreach (var initializer in initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation or IFieldReferenceOperation } assignment
                    && (assignment.Target is IPropertyReferenceOperation p ? (ISymbol)p.Property : ((IFieldReferenceOperation)assignment.Target).Field) is var member
                    && _rules.IsPersonalData(member) && !PersonalDataTypes.IsNeverPersonal(assignment.Value.Type) && !assignment.Value.ConstantValue.HasValue)
                {
                    result = Taint.Join(result, Taint.Source("'" + member.Name + "'", assignment.Value.Syntax.GetLocation()).EnteringAt(Unwrap(assignment.Value).Syntax));
                }
            }

            return result;
        }

        private static string Describe(IOperation reference)
        {
            var text = AccessText(reference.Syntax);
            if (text.Length > 60)
                text = text.Substring(0, 57) + "...";
            return "'" + text + "'";
        }

        /// <summary>
        /// The source text of a member read as the developer wrote it. Under <c>contact?.Name</c> the read is the
        /// binding <c>.Name</c>, which alone names nothing: the receivers of the enclosing conditional accesses are
        /// put back in front of it.
        /// </summary>
        private static string AccessText(SyntaxNode syntax)
        {
            var text = syntax.ToString();
            var node = syntax;
            while (StartsWithBinding(node)
                && node.Ancestors().OfType<ConditionalAccessExpressionSyntax>().FirstOrDefault(a => a.WhenNotNull.Span.Contains(node.Span)) is { } access)
            {
                text = access.Expression + "?" + text;
                node = access.Expression;
            }

            return text;
        }

        private static bool StartsWithBinding(SyntaxNode node)
        {
            while (LeftOperand(node) is { } left)
                node = left;
            return node is MemberBindingExpressionSyntax or ElementBindingExpressionSyntax;
        }

        // The expression a member access, element access, call or postfix operator (contact?.Manager!.Name) applies to.
        private static SyntaxNode? LeftOperand(SyntaxNode node) => node switch
        {
            MemberAccessExpressionSyntax member => member.Expression,
            ElementAccessExpressionSyntax element => element.Expression,
            InvocationExpressionSyntax invocation => invocation.Expression,
            PostfixUnaryExpressionSyntax postfix => postfix.Operand,
            _ => null,
        };

        private TaintShape ShapeOf(ITypeSymbol? type)
        {
            if (_rules.IsMessageType(type))
                return TaintShape.Prompt;
            if (type is INamedTypeSymbol named && named.TypeArguments.Any(_rules.IsMessageType))
                return TaintShape.Prompt;
            if (type is IArrayTypeSymbol array && _rules.IsMessageType(array.ElementType))
                return TaintShape.Prompt;
            return TaintShape.None;
        }
    }
}
