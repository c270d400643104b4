using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// One question to <see cref="UntrustedFlow"/>: evaluates an operation backward to the sources it is built from.
    /// Cycles (a variable built from itself, recursive methods) contribute nothing on the way round; a question that
    /// would follow more than <see cref="MaxSteps"/> operations, nest more than <see cref="MaxDepth"/> summaries or
    /// <see cref="MaxNesting"/> operations answers "a value too complex to follow" for the rest (outside data: nothing
    /// proves it trusted; in secret mode, no secret: nothing shows one). The secret mode is in FlowWalk.Secrets.cs.
    /// </summary>
    internal sealed partial class FlowWalk
    {
        private const int MaxSteps = 3000;
        private const int MaxDepth = 5;

        // Deeper nesting than this is not real code (a concatenation of hundreds of variables): the compiler's stack stays safe.
        private const int MaxNesting = 200;

        private static readonly UntrustedSources TooComplex = UntrustedSources.From(UntrustedSource.Of(UntrustedSourceKind.Unknown, "a value too complex to follow"));

        private readonly UntrustedFlow _flow;
        private readonly FlowOptions _options;
        private readonly FlowStops? _stops;
        private readonly FlowSummaries _summaries;
        private readonly HashSet<ISymbol> _membersInProgress = new(SymbolEqualityComparer.Default);
        private SemanticModels? _models;

        // A type's writes to a member often sit in one method (a constructor, an Add method): its facts are gathered once per question.
        private readonly Dictionary<IOperation, MemberFacts> _facts = new();
        private int _steps;
        private int _depth;
        private int _nesting;

        public FlowWalk(UntrustedFlow flow, FlowOptions options, FlowStops? stops, FlowSummaries summaries)
        {
            _flow = flow;
            _options = options;
            _stops = stops;
            _summaries = summaries;
        }

        private ShiftLeftCompilation ShiftLeft => _flow.ShiftLeft;

        private SemanticModels Models => _models ??= new SemanticModels(ShiftLeft.Compilation);

        public UntrustedSources Prompt(in ModelCall call, FlowFrame frame)
        {
            var sources = UntrustedSources.None;
            foreach (var argument in call.PromptArguments)
            {
                sources = sources.Union(Evaluate(argument.Value, frame));
            }

            // A prompt function: the template it was made from.
            if (System.Array.IndexOf(PromptFunctions.InvocationNames, call.Method.Name) >= 0 && PromptFunctions.FunctionOperand(call.Invocation) is { } function
                && function != call.Receiver)
            {
                sources = sources.Union(Evaluate(function, frame));
            }
            else if (System.Array.IndexOf(PromptFunctions.InvocationNames, call.Method.Name) >= 0 && call.Invocation.Instance is { } instance)
            {
                sources = sources.Union(Evaluate(instance, frame));
            }

            if (SeeksSecrets)
            {
                sources = sources.Union(Instructions(call, frame));
            }

            // A tool's result is outside data, never a secret: the secret mode does not ask.
            if (!SeeksSecrets && !sources.IsFull && ToolInvocation.ExposedBy(call, frame.Facts, ShiftLeft.MemberWrites, ShiftLeft.Compilation) is { } tools)
            {
                sources = sources.Union(ToolResults(tools));
            }

            return sources;
        }

        /// <summary>
        /// What the tools a call invokes automatically bring into its conversation: a tool whose result carries outside data
        /// (its code reads the network, files, a database, documents, other tools, or calls code the analysis cannot see),
        /// named; and every tool that could not be traced. A tool's own parameters are the model's arguments, not outside
        /// data: a tool that returns only constants, its arguments, the clock and formatting adds nothing.
        /// </summary>
        private UntrustedSources ToolResults(ExposedTools tools)
        {
            // The message names the tool whose result is most specific (the network before a parameter before unseen code).
            var carrying = new List<(ExposedTool Tool, UntrustedSource Returned)>();
            foreach (var tool in tools.Tools)
            {
                if (Returned(tool) is { } returned)
                {
                    carrying.Add((tool, returned));
                }
            }

            var sources = UntrustedSources.None;
            foreach (var (tool, returned) in carrying.OrderByDescending(entry => entry.Returned.Specificity))
            {
                var description = tool.Remote is null ? "the results of " + tool.Noun + ", which returns " + returned.Description : "the results of " + tool.Noun + " (" + returned.Description + ")";
                sources = sources.Union(Found(UntrustedSource.Of(UntrustedSourceKind.ToolResult, description)));
            }

            foreach (var why in tools.Untraced)
            {
                sources = sources.Union(Found(UntrustedSource.Of(UntrustedSourceKind.ToolResult, "the results of tools the model calls, which could not be traced (" + why + ")")));
            }

            return sources;
        }

        /// <summary>The most specific outside source a tool's result carries, or null when it carries none.</summary>
        private UntrustedSource? Returned(ExposedTool tool)
        {
            if (tool.Remote is { } remote)
            {
                return remote;
            }

            UntrustedSources returned;
            if (tool.Method is { } method)
            {
                if (method.DeclaringSyntaxReferences.IsEmpty)
                {
                    return LibraryTools.ReturnsOnlyItsArguments(method)
                        ? null
                        : UntrustedSource.Of(UntrustedSourceKind.Unknown, "the result of '" + method.ContainingType?.Name + "." + method.Name + "', whose code the analysis cannot see");
                }

                returned = MethodResult(method);
            }
            else if (tool.Lambda is { } lambda)
            {
                returned = Returns(lambda.Body, new FlowFrame(tool.LambdaFacts!, lambda.Symbol));
            }
            else
            {
                return null;
            }

            UntrustedSource? best = null;
            foreach (var source in returned.IsEmpty ? System.Collections.Immutable.ImmutableArray<UntrustedSource>.Empty : returned.All)
            {
                if (source.Placeholder is null && (best is null || source.Specificity > best.Specificity))
                {
                    best = source;
                }
            }

            return best;
        }

        public UntrustedSources Evaluate(IOperation? operation, FlowFrame frame)
        {
            if (operation is null)
            {
                return UntrustedSources.None;
            }

            if (operation.ConstantValue.HasValue)
            {
                return SeeksSecrets ? SecretConstant(operation.ConstantValue.Value) : UntrustedSources.None;
            }

            if (++_steps > MaxSteps || _nesting >= MaxNesting)
            {
                return TooComplexAnswer;
            }

            _nesting++;
            try
            {
                return EvaluateCore(operation, frame);
            }
            finally
            {
                _nesting--;
            }
        }

        private UntrustedSources EvaluateCore(IOperation operation, FlowFrame frame)
        {

            if (operation.Kind is not (OperationKind.Conversion or OperationKind.DelegateCreation or OperationKind.AnonymousFunction) && TextFreeTypes.CannotCarryText(operation.Type))
            {
                return UntrustedSources.None;
            }

            if (SeeksSecrets && ReadSecret(operation, frame) is { } secret)
            {
                return secret;
            }

            switch (operation.Kind)
            {
                case OperationKind.Conversion:
                    return Evaluate(((IConversionOperation)operation).Operand, frame);
                case OperationKind.Parenthesized:
                    return Evaluate(((IParenthesizedOperation)operation).Operand, frame);
                case OperationKind.Literal:
                case OperationKind.InstanceReference:
                case OperationKind.TypeOf:
                case OperationKind.NameOf:
                case OperationKind.DefaultValue:
                case OperationKind.SizeOf:
                    return UntrustedSources.None;
                case OperationKind.LocalReference:
                    return Local(((ILocalReferenceOperation)operation).Local, frame);
                case OperationKind.ParameterReference:
                    return Parameter(((IParameterReferenceOperation)operation).Parameter, frame);
                case OperationKind.FieldReference:
                    var field = (IFieldReferenceOperation)operation;
                    return Member(field.Field, field.Field.Type, field.Instance, frame);
                case OperationKind.PropertyReference:
                    var property = (IPropertyReferenceOperation)operation;
                    var indexes = UntrustedSources.None;
                    foreach (var argument in property.Arguments)
                    {
                        indexes = indexes.Union(Evaluate(argument.Value, frame));
                    }

                    return Member(property.Property, property.Property.Type, property.Instance, frame).Union(property.Property.IsIndexer ? UntrustedSources.None : indexes);
                case OperationKind.Invocation:
                    return Invocation((IInvocationOperation)operation, frame, ignoreResultType: false);
                case OperationKind.ObjectCreation:
                    return Creation((IObjectCreationOperation)operation, frame);
                case OperationKind.Await:
                    return Evaluate(((IAwaitOperation)operation).Operation, frame);
                case OperationKind.Conditional:
                    var conditional = (IConditionalOperation)operation;
                    return Evaluate(conditional.WhenTrue, frame).Union(Evaluate(conditional.WhenFalse, frame));
                case OperationKind.Coalesce:
                    var coalesce = (ICoalesceOperation)operation;
                    return Evaluate(coalesce.Value, frame).Union(Evaluate(coalesce.WhenNull, frame));
                case OperationKind.ConditionalAccess:
                    return Evaluate(((IConditionalAccessOperation)operation).WhenNotNull, frame);
                case OperationKind.ConditionalAccessInstance:
                    for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IConditionalAccessOperation access)
                        {
                            return Evaluate(access.Operation, frame);
                        }
                    }

                    return UntrustedSources.None;
                case OperationKind.DelegateCreation:
                    return Evaluate(((IDelegateCreationOperation)operation).Target, frame);
                case OperationKind.AnonymousFunction:
                    return Returns(((IAnonymousFunctionOperation)operation).Body, frame);
                case OperationKind.SimpleAssignment:
                case OperationKind.CompoundAssignment:
                case OperationKind.CoalesceAssignment:
                    var assignment = (IAssignmentOperation)operation;
                    return Evaluate(assignment.Value, frame).Union(operation.Kind == OperationKind.SimpleAssignment ? UntrustedSources.None : Evaluate(assignment.Target, frame));
                default:
                    // Interpolation, concatenation, collections, tuples, anonymous objects, switch expressions: what they are built from.
                    var sources = UntrustedSources.None;
                    foreach (var child in operation.ChildOperations)
                    {
                        if (sources.IsFull)
                        {
                            break;
                        }

                        sources = sources.Union(Evaluate(child, frame));
                    }

                    return sources;
            }
        }

        private UntrustedSources Local(ILocalSymbol local, FlowFrame frame)
        {
            if (frame.Locals.TryGetValue(local, out var known))
            {
                return known;
            }

            if (!frame.InProgress.Add(local))
            {
                return UntrustedSources.None;
            }

            var sources = UntrustedSources.None;
            foreach (var write in frame.Facts.Writes)
            {
                if (!sources.IsFull && SymbolEqualityComparer.Default.Equals(write.Target, local))
                {
                    sources = sources.Union(write.IsOutArgument ? Invocation((IInvocationOperation)write.Value, frame, ignoreResultType: true) : Evaluate(write.Value, frame));
                }
            }

            frame.InProgress.Remove(local);
            frame.Locals[local] = sources;
            return sources;
        }

        private UntrustedSources Parameter(IParameterSymbol parameter, FlowFrame frame)
        {
            if (!frame.InProgress.Add(parameter))
            {
                return UntrustedSources.None;
            }

            // Reassignments in the member, then what the parameter was given.
            var sources = UntrustedSources.None;
            foreach (var write in frame.Facts.Writes)
            {
                if (SymbolEqualityComparer.Default.Equals(write.Target, parameter) && write.Value.Parent is not IArgumentOperation)
                {
                    sources = sources.Union(Evaluate(write.Value, frame));
                }
            }

            sources = sources.Union(ParameterOrigin(parameter, frame));
            frame.InProgress.Remove(parameter);
            return sources;
        }

        private UntrustedSources ParameterOrigin(IParameterSymbol parameter, FlowFrame frame)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol method)
            {
                return Found(RequestInputs.OfParameter(parameter));
            }

            if (frame.Summarized is { } summarized && SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, summarized.OriginalDefinition))
            {
                return Found(UntrustedSource.ForPlaceholder(parameter));
            }

            switch (method.MethodKind)
            {
                case MethodKind.AnonymousFunction:
                    return LambdaParameter(parameter, method, frame);
                case MethodKind.LocalFunction:
                    // What the member's calls of the local function pass.
                    var passed = UntrustedSources.None;
                    var called = false;
                    foreach (var invocation in frame.Facts.Invocations)
                    {
                        if (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                        {
                            called = true;
                            passed = passed.Union(Evaluate(ArgumentFor(invocation, parameter.Ordinal), frame));
                        }
                    }

                    return called ? passed : Found(RequestInputs.OfParameter(parameter));
                default:
                    if (_options != FlowOptions.ModelOutputIsSource)
                    {
                        var source = RequestInputs.OfParameter(parameter);
                        return Found(source.Kind == UntrustedSourceKind.Parameter && _flow.Handlers.Of(method, Models) is { } handler
                            ? CallbackSource(handler, parameter)
                            : source);
                    }

                    // A tool's parameters are chosen by the model that calls it; another method's are what its callers pass.
                    return ShiftLeft.Tools.IsTool(method)
                        ? Found(UntrustedSource.Of(UntrustedSourceKind.ModelOutput, "the tool argument '" + parameter.Name + "' (the model chooses it)"))
                        : Found(RequestInputs.OfParameter(parameter)).Union(PassedByCallers(parameter, method));
            }
        }

        /// <summary>What the calls of <paramref name="method"/> in the compilation pass for <paramref name="parameter"/>.</summary>
        private UntrustedSources PassedByCallers(IParameterSymbol parameter, IMethodSymbol method)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.DeclaringSyntaxReferences.IsEmpty || _depth >= MaxDepth || !_membersInProgress.Add(parameter))
            {
                return UntrustedSources.None;
            }

            _depth++;
            var sources = UntrustedSources.None;
            foreach (var call in _flow.Callers.Of(method.OriginalDefinition))
            {
                if (sources.IsFull)
                {
                    break;
                }

                sources = sources.Union(Evaluate(ArgumentFor(call, parameter.Ordinal), new FlowFrame(FactsOf(call), summarized: null)));
            }

            _depth--;
            _membersInProgress.Remove(parameter);
            return sources;
        }

        /// <summary>
        /// A lambda's parameter: what the call it is handed to feeds it. A request handler (MapPost) or a Razor binder
        /// feeds request data; any other call (LINQ's Select, a guard wrapper) feeds what it was given.
        /// </summary>
        private UntrustedSources LambdaParameter(IParameterSymbol parameter, IMethodSymbol lambda, FlowFrame frame)
        {
            foreach (var invocation in frame.Facts.Invocations)
            {
                IArgumentOperation? handler = null;
                foreach (var argument in invocation.Arguments)
                {
                    if (OperationScope.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation function }
                        && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
                    {
                        handler = argument;
                        break;
                    }
                }

                if (handler is null)
                {
                    continue;
                }

                if (_flow.Catalog.Of(invocation.TargetMethod) is { Role: CatalogRole.CallbackInput } entry)
                {
                    return Found(CallbackSource(entry, parameter));
                }

                var fed = Evaluate(invocation.Instance, frame);
                foreach (var argument in invocation.Arguments)
                {
                    if (argument != handler && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        fed = fed.Union(Evaluate(argument.Value, frame));
                    }
                }

                return fed;
            }

            return Found(RequestInputs.OfParameter(parameter));
        }

        /// <summary>What a callback's parameter receives from the call it is handed to (a request handler's parameter is named).</summary>
        private static UntrustedSource CallbackSource(CatalogEntry entry, IParameterSymbol parameter) =>
            entry.Kind == UntrustedSourceKind.RequestData && entry.Description == "the request parameter"
                ? UntrustedSource.Of(entry.Kind, "the request parameter '" + parameter.Name + "'")
                : entry.Source;

        private UntrustedSources Member(ISymbol member, ITypeSymbol? type, IOperation? instance, FlowFrame frame)
        {
            if (_flow.Catalog.Of(member) is { } entry)
            {
                return entry.Role switch
                {
                    CatalogRole.Trusted => UntrustedSources.None,
                    CatalogRole.Source => Found(entry.Source),
                    CatalogRole.ModelChosen when _options == FlowOptions.ModelOutputIsSource => Found(entry.Source),
                    _ => Evaluate(instance, frame),
                };
            }

            if (member is IPropertySymbol property)
            {
                if (RequestInputs.OfProperty(property) is { } bound)
                {
                    return Found(bound);
                }

                if (type is INamedTypeSymbol { Name: "DbSet" } set && TypeNames.FullName(set) == "Microsoft.EntityFrameworkCore.DbSet")
                {
                    return Found(UntrustedSource.Of(UntrustedSourceKind.Database, "the database table '" + property.Name + "'"));
                }
            }

            var isOwn = instance is null or IInstanceReferenceOperation;
            if (member.DeclaringSyntaxReferences.IsEmpty)
            {
                // A framework member: static ones (Environment, DateTime.Now, AppContext.BaseDirectory) are the machine's,
                // instance ones are as trusted as the object they are read from.
                return isOwn ? UntrustedSources.None : Evaluate(instance, frame);
            }

            var summary = Summary(member);
            if (isOwn)
            {
                return summary.Sources;
            }

            // x.Name on another object: what its type stores there, and — when its user fills it (a DTO) — the object itself.
            return summary.IsWritten && !IsSettableFromOutside(member) ? summary.Sources : summary.Sources.Union(Evaluate(instance, frame));
        }

        private static bool IsSettableFromOutside(ISymbol member) => member switch
        {
            IFieldSymbol field => !field.IsReadOnly && field.DeclaredAccessibility is not Accessibility.Private,
            IPropertySymbol property => property.SetMethod is { DeclaredAccessibility: not Accessibility.Private },
            _ => false,
        };

        private MemberSummary Summary(ISymbol member)
        {
            var key = member.OriginalDefinition;
            if (_summaries.TryGetMember(key, out var known))
            {
                return known;
            }

            if (_depth >= MaxDepth)
            {
                return new MemberSummary(TooComplexAnswer, isWritten: true);
            }

            if (!_membersInProgress.Add(key))
            {
                return new MemberSummary(UntrustedSources.None, isWritten: true);
            }

            _depth++;
            MemberSummary summary;
            if (key is IPropertySymbol { GetMethod: { } getter } property && !IsAutoProperty(property))
            {
                summary = new MemberSummary(MethodResult(getter), isWritten: true);
            }
            else
            {
                var sources = UntrustedSources.None;
                var writes = ShiftLeft.MemberWrites.Of(key);
                foreach (var value in writes)
                {
                    if (sources.IsFull)
                    {
                        break;
                    }

                    sources = sources.Union(Evaluate(value, new FlowFrame(FactsOf(value), summarized: null)));
                }

                summary = new MemberSummary(sources, isWritten: writes.Length > 0);
            }

            _depth--;
            _membersInProgress.Remove(key);
            _summaries.SetMember(key, summary);
            return summary;
        }

        private static bool IsAutoProperty(IPropertySymbol property)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }
                    && accessors.Accessors.All(accessor => accessor.Body is null && accessor.ExpressionBody is null))
                {
                    return true;
                }

                if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax)
                {
                    return true; // a record's positional property
                }
            }

            return false;
        }

        private MemberFacts FactsOf(IOperation operation)
        {
            var root = OperationScope.GetMemberRoot(operation);
            if (!_facts.TryGetValue(root, out var facts))
            {
                _facts[root] = facts = MemberFacts.Gather(root);
            }

            return facts;
        }

        private UntrustedSources Invocation(IInvocationOperation invocation, FlowFrame frame, bool ignoreResultType)
        {
            var method = invocation.TargetMethod;
            if (_stops is not null && _stops.Stops(invocation))
            {
                return UntrustedSources.None;
            }

            if (ShiftLeft.ModelCalls.TryClassify(invocation, out var call))
            {
                return _options == FlowOptions.ModelOutputIsSource
                    ? Found(UntrustedSource.Of(UntrustedSourceKind.ModelOutput, "the response of '" + call.DisplayName + "'"))
                    : Prompt(call, frame);
            }

            if (_flow.Catalog.Of(method) is { } entry)
            {
                switch (entry.Role)
                {
                    case CatalogRole.Source:
                        return Found(entry.Source);
                    case CatalogRole.Trusted:
                        return UntrustedSources.None;
                    case CatalogRole.FileByPath:
                        return FileRead(invocation.Arguments, entry, frame) ?? Passed(invocation, frame);
                }
            }

            if (method.MethodKind == MethodKind.LocalFunction || !method.DeclaringSyntaxReferences.IsEmpty)
            {
                return Called(invocation, frame);
            }

            if (method.IsStatic || CatalogRoleIsTransforming(method))
            {
                return Passed(invocation, frame);
            }

            return Found(UntrustedSource.Of(UntrustedSourceKind.Unknown, "the result of '" + method.ContainingType?.Name + "." + method.Name + "'"));
        }

        private static bool CatalogRoleIsTransforming(IMethodSymbol method) => UntrustedSourceCatalog.IsTransforming(method.ContainingType);

        /// <summary>A file read: trusted when the path (the first string argument) is; null when the first argument is not a path (a stream).</summary>
        private UntrustedSources? FileRead(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, CatalogEntry entry, FlowFrame frame)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    if (argument.Value.Type?.SpecialType != SpecialType.System_String)
                    {
                        return null;
                    }

                    return Evaluate(argument.Value, frame).IsEmpty ? UntrustedSources.None : Found(entry.Source);
                }
            }

            return null;
        }

        /// <summary>A call that returns what it was given: its receiver and arguments (lambdas: what they return).</summary>
        private UntrustedSources Passed(IInvocationOperation invocation, FlowFrame frame)
        {
            var sources = Evaluate(invocation.Instance, frame);
            foreach (var argument in invocation.Arguments)
            {
                if (sources.IsFull)
                {
                    break;
                }

                if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    sources = sources.Union(Evaluate(argument.Value, frame));
                }
            }

            return sources;
        }

        private UntrustedSources Creation(IObjectCreationOperation creation, FlowFrame frame)
        {
            if (creation.Constructor is { } constructor && _flow.Catalog.Of(constructor) is { } entry)
            {
                switch (entry.Role)
                {
                    case CatalogRole.Source:
                        return Found(entry.Source);
                    case CatalogRole.FileByPath when FileRead(creation.Arguments, entry, frame) is { } read:
                        return read;
                }
            }

            var sources = UntrustedSources.None;
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    sources = sources.Union(Evaluate(argument.Value, frame));
                }
            }

            return sources.Union(Evaluate(creation.Initializer, frame));
        }

        /// <summary>A call of the compilation's own method: its summary, its parameters replaced by what this call passes.</summary>
        private UntrustedSources Called(IInvocationOperation invocation, FlowFrame frame)
        {
            var method = invocation.TargetMethod;
            var result = MethodResult((method.ReducedFrom ?? method).OriginalDefinition);
            if (result.IsEmpty)
            {
                return result;
            }

            var sources = UntrustedSources.None;
            foreach (var source in result.All)
            {
                if (source.Placeholder is { } parameter)
                {
                    sources = sources.Union(Evaluate(ArgumentFor(invocation, parameter.Ordinal), frame));
                }
                else
                {
                    sources = sources.Union(Found(source));
                }
            }

            return sources;
        }

        /// <summary>What a method of the compilation returns, with its own parameters as placeholders (cached per method).</summary>
        private UntrustedSources MethodResult(IMethodSymbol method)
        {
            if (_summaries.TryGetMethod(method, out var known))
            {
                return known;
            }

            if (_depth >= MaxDepth)
            {
                return TooComplexAnswer;
            }

            if (!_membersInProgress.Add(method))
            {
                return UntrustedSources.None;
            }

            _depth++;
            var result = Found(UntrustedSource.Of(UntrustedSourceKind.Unknown, "the result of '" + method.ContainingType?.Name + "." + method.Name + "'"));
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                var body = Models.Get(syntax.SyntaxTree).GetOperation(syntax);
                var root = body switch
                {
                    ILocalFunctionOperation local => (IOperation?)local.Body ?? local.IgnoredBody,
                    _ => body,
                };
                if (root is not null && (root is not IMethodBodyOperation methodBody || methodBody.BlockBody is not null || methodBody.ExpressionBody is not null))
                {
                    result = Returns(root, new FlowFrame(FactsOf(body!), method));
                    break;
                }
            }

            _depth--;
            _membersInProgress.Remove(method);
            _summaries.SetMethod(method, result);
            return result;
        }

        /// <summary>What the returns under <paramref name="body"/> return (not those of nested lambdas and local functions).</summary>
        private UntrustedSources Returns(IOperation? body, FlowFrame frame)
        {
            var sources = UntrustedSources.None;
            if (body is null)
            {
                return sources;
            }

            var pending = new Stack<IOperation>();
            pending.Push(body);
            while (pending.Count > 0 && !sources.IsFull)
            {
                var current = pending.Pop();
                if (current is IReturnOperation returned)
                {
                    sources = sources.Union(Evaluate(returned.ReturnedValue, frame));
                    continue;
                }

                foreach (var child in current.ChildOperations)
                {
                    if (child.Kind is not (OperationKind.AnonymousFunction or OperationKind.LocalFunction))
                    {
                        pending.Push(child);
                    }
                }
            }

            return sources;
        }

        /// <summary>What <paramref name="invocation"/> passes for the parameter at <paramref name="ordinal"/>; null for a default value.</summary>
        internal static IOperation? ArgumentFor(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
                }
            }

            return null;
        }
    }
}
