using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>What one layer of a model pipeline does with the prompt and the result.</summary>
    internal readonly struct LayerBehaviour
    {
        public LayerBehaviour(bool logs, bool guards)
        {
            Logs = logs;
            Guards = guards;
        }

        /// <summary>It writes a log or audit record of something it was handed (the context, the messages, the response).</summary>
        public bool Logs { get; }

        /// <summary>It can block or rewrite: calls a guardrail, throws, may skip the next layer, or rewrites the prompt.</summary>
        public bool Guards { get; }

        public LayerBehaviour Or(LayerBehaviour other) => new(Logs || other.Logs, Guards || other.Guards);
    }

    /// <summary>
    /// Reads the code of a pipeline layer the compilation itself declares: a Semantic Kernel filter
    /// (IFunctionInvocationFilter, IPromptRenderFilter, IAutoFunctionInvocationFilter), a DelegatingChatClient or
    /// DelegatingAIAgent subclass, or a middleware delegate given to ChatClientBuilder.Use / AIAgentBuilder.Use.
    /// Answers per type are cached for the compilation (a filter is registered once and met by every call).
    /// </summary>
    internal sealed class MiddlewareBehaviour
    {
        // The methods through which a layer sees a request: SK filters, chat-client and agent middleware.
        private static readonly string[] LayerMethods =
        {
            "OnFunctionInvocationAsync", "OnPromptRenderAsync", "OnAutoFunctionInvocationAsync",
            "GetResponseAsync", "GetStreamingResponseAsync", "RunCoreAsync", "RunCoreStreamingAsync",
        };

        private readonly ShiftLeftCompilation _shiftLeft;
        private readonly AnswerCache<ITypeSymbol, LayerBehaviour?> _types;

        public MiddlewareBehaviour(ShiftLeftCompilation shiftLeft)
        {
            _shiftLeft = shiftLeft;
            _types = new AnswerCache<ITypeSymbol, LayerBehaviour?>(SymbolEqualityComparer.Default, ComputeType);
        }

        /// <summary>The behaviour of a layer type declared in this compilation; null for any other type.</summary>
        public LayerBehaviour? OfType(ITypeSymbol type) => type.TypeKind == TypeKind.Class ? _types.Get(type.OriginalDefinition) : null;

        /// <summary>The behaviour of a middleware delegate: a lambda, or a method of this compilation passed by name.</summary>
        public LayerBehaviour? OfDelegate(IOperation value)
        {
            var current = OperationScope.Unwrap(value);
            if (current is IDelegateCreationOperation creation)
            {
                current = creation.Target;
            }

            return current switch
            {
                IAnonymousFunctionOperation lambda => OfBody(lambda.Body, seesPrompt: true),
                IMethodReferenceOperation reference => OfMethod(reference.Method),
                _ => null,
            };
        }

        /// <summary>The method a middleware delegate runs: a lambda's own symbol (it can carry attributes) or the method passed by name.</summary>
        public static IMethodSymbol? DelegateMethod(IOperation value)
        {
            var current = OperationScope.Unwrap(value);
            if (current is IDelegateCreationOperation creation)
            {
                current = creation.Target;
            }

            return current switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                IMethodReferenceOperation reference => reference.Method,
                _ => null,
            };
        }

        /// <summary>The methods through which a layer type sees a request, declared in source along its base types.</summary>
        public static IEnumerable<IMethodSymbol> LayerMethodsOf(ITypeSymbol type)
        {
            for (var current = type; current is not null && current.Locations.Length > 0 && current.Locations[0].IsInSource; current = current.BaseType)
            {
                foreach (var name in LayerMethods)
                {
                    foreach (var member in current.GetMembers(name))
                    {
                        if (member is IMethodSymbol method)
                        {
                            yield return method;
                        }
                    }
                }
            }
        }

        private LayerBehaviour? ComputeType(ITypeSymbol type)
        {
            if (!IsLayerType(type))
            {
                return null;
            }

            LayerBehaviour? found = null;
            foreach (var method in LayerMethodsOf(type))
            {
                if (OfMethod(method) is { } behaviour)
                {
                    found = found is { } known ? known.Or(behaviour) : behaviour;
                }
            }

            return found;
        }

        /// <summary>A Semantic Kernel filter, a chat client (middleware derives from DelegatingChatClient) or an agent.</summary>
        private bool IsLayerType(ITypeSymbol type)
        {
            var symbols = _shiftLeft.Symbols;
            return TypeRelations.Implements(type, symbols.FunctionInvocationFilter)
                || TypeRelations.Implements(type, symbols.PromptRenderFilter)
                || TypeRelations.Implements(type, symbols.AutoFunctionInvocationFilter)
                || TypeRelations.Implements(type, symbols.IChatClient)
                || TypeRelations.DerivesFrom(type, symbols.AIAgent);
        }

        private LayerBehaviour? OfMethod(IMethodSymbol method)
        {
            LayerBehaviour? found = null;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                // A method, or a local function passed by name (agent middleware is often written as one).
                var declaration = reference.GetSyntax();
                if (declaration is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax))
                {
                    continue;
                }

                // The layer may be declared in another file than the call: its body is bound once per compilation (the
                // answer is cached per type), which a build does anyway.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
                var model = _shiftLeft.Compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
                if (model.GetOperation(declaration) is { } body)
                {
                    // An auto-function-invocation filter sees the model's tool calls, not the prompt: it guards only by
                    // calling a guardrail or throwing (skipping or terminating a tool call, or setting its arguments,
                    // is how such filters steer the loop, not a check of the prompt).
                    var behaviour = OfBody(body, seesPrompt: method.Name != "OnAutoFunctionInvocationAsync");
                    found = found is { } known ? known.Or(behaviour) : behaviour;
                }
            }

            return found;
        }

        private LayerBehaviour OfBody(IOperation body, bool seesPrompt)
        {
            var logs = false;
            var guards = false;
            IOperation? firstNext = null;
            var earlyReturn = false;
            foreach (var operation in body.DescendantsAndSelf())
            {
                switch (operation.Kind)
                {
                    case OperationKind.Invocation:
                        var invocation = (IInvocationOperation)operation;
                        if (_shiftLeft.LogSinks.TryClassify(invocation, out _) && LogsSomethingHandedIn(invocation))
                        {
                            logs = true;
                        }
                        else if (_shiftLeft.Guardrails.IsGuardrailMethod(invocation.TargetMethod))
                        {
                            guards = true;
                        }
                        else if (firstNext is null && IsNextLayer(invocation))
                        {
                            firstNext = invocation;
                            guards |= seesPrompt && (IsConditional(invocation, body) || HandsOnRewrittenRequest(invocation));
                        }

                        break;
                    case OperationKind.Throw when ((IThrowOperation)operation).Exception is not null:
                        guards = true; // a rethrow (throw;) passes a failure on; a new exception blocks the request
                        break;
                    case OperationKind.Return when !operation.IsImplicit && firstNext is null:
                        earlyReturn = true;
                        break;
                    case OperationKind.SimpleAssignment:
                        guards |= seesPrompt && RewritesPrompt(((ISimpleAssignmentOperation)operation).Target);
                        break;
                }
            }

            // A layer that may return before handing the request on blocks it.
            guards |= seesPrompt && earlyReturn && firstNext is not null;
            return new LayerBehaviour(logs, guards);
        }

        /// <summary>A logged argument reads a parameter or a local (not only constants): the layer records what it was handed.</summary>
        private static bool LogsSomethingHandedIn(IInvocationOperation log)
        {
            foreach (var argument in log.Arguments)
            {
                if (!LogSinkClassifier.IsLogged(argument))
                {
                    continue;
                }

                foreach (var read in argument.Value.DescendantsAndSelf())
                {
                    if (read.Kind is OperationKind.ParameterReference or OperationKind.LocalReference)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The call that hands the request on: <c>next(context)</c>, <c>innerAgent.RunAsync(…)</c>, <c>base.GetResponseAsync(…)</c>.</summary>
        private bool IsNextLayer(IInvocationOperation invocation) =>
            (invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke && OperationScope.Unwrap(invocation.Instance!).Kind == OperationKind.ParameterReference)
            || _shiftLeft.ModelCalls.IsModelCall(invocation);

        /// <summary>
        /// The next layer is handed a request built by this one (<c>innerAgent.RunAsync(FilterPii(messages), …)</c>) rather
        /// than the one it was handed: the layer rewrites the prompt.
        /// </summary>
        private static bool HandsOnRewrittenRequest(IInvocationOperation next)
        {
            foreach (var argument in next.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is not { } parameter
                    || (next.TargetMethod.IsExtensionMethod && parameter.Ordinal == 0))
                {
                    continue;
                }

                // The request is the first argument handed on (messages, a message, the filter context).
                return OperationScope.Unwrap(argument.Value).Kind != OperationKind.ParameterReference;
            }

            return false;
        }

        private static bool IsConditional(IOperation operation, IOperation body)
        {
            for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
            {
                if (current.Kind is OperationKind.Conditional or OperationKind.Switch or OperationKind.SwitchExpression or OperationKind.Coalesce or OperationKind.ConditionalAccess)
                {
                    return true;
                }

                if (current.Kind is OperationKind.AnonymousFunction or OperationKind.LocalFunction)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>The prompt a Semantic Kernel filter hands on is rewritten: the rendered prompt, or the arguments it is rendered from.</summary>
        private static bool RewritesPrompt(IOperation target) =>
            OperationScope.Unwrap(target) is IPropertyReferenceOperation { Property.Name: "RenderedPrompt" or "Arguments" }
                or IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IPropertyReferenceOperation { Property.Name: "Arguments" } };
    }
}
