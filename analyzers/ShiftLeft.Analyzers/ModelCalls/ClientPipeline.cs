using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>What the visible creation of a Microsoft.Extensions.AI client says about its pipeline.</summary>
    internal readonly struct PipelineFacts
    {
        public PipelineFacts(bool hasVisibleCreation, bool isInjected, bool hasLogging, bool hasGuardrail)
        {
            HasVisibleCreation = hasVisibleCreation;
            IsInjected = isInjected;
            HasLogging = hasLogging;
            HasGuardrail = hasGuardrail;
        }

        /// <summary>The client is created in the same method or type (builder chain, adapter, constructor).</summary>
        public bool HasVisibleCreation { get; }

        /// <summary>The client comes from outside: a parameter, DI, or a field/property with no visible creation.</summary>
        public bool IsInjected { get; }

        public bool HasLogging { get; }
        public bool HasGuardrail { get; }
    }

    /// <summary>
    /// Follows a Microsoft.Extensions.AI client receiver back to its creation (locals in the same member, fields and
    /// properties initialised or assigned in a constructor of the same type, same file) and reads the builder chain:
    /// UseLogging / UseOpenTelemetry / LoggingChatClient / OpenTelemetryChatClient, guardrail builder methods and
    /// guardrail middleware types.
    /// </summary>
    internal sealed class ClientPipeline
    {
        private const int MaxDepth = 4;
        private const string ExtensionsAiNamespace = "Microsoft.Extensions.AI";

        private readonly ShiftLeftCompilation _shiftLeft;
        private readonly MemberFacts _facts;
        private readonly SemanticModel? _semanticModel;
        private readonly HashSet<ISymbol> _visited = new(SymbolEqualityComparer.Default);
        private bool _visible;
        private bool _injected;
        private bool _logging;
        private bool _guardrail;

        private ClientPipeline(ShiftLeftCompilation shiftLeft, MemberFacts facts, SemanticModel? semanticModel)
        {
            _shiftLeft = shiftLeft;
            _facts = facts;
            _semanticModel = semanticModel;
        }

        /// <summary>True when the receiver is a Microsoft.Extensions.AI client (the only kind with a builder pipeline).</summary>
        public static bool IsPipelineClient(ShiftLeftCompilation shiftLeft, IOperation? receiver)
        {
            var type = receiver is null ? null : OperationScope.Unwrap(receiver).Type ?? receiver.Type;
            return IsPipelineClientType(shiftLeft, type);
        }

        public static bool IsPipelineClientType(ShiftLeftCompilation shiftLeft, ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            var chatClient = shiftLeft.Symbols.IChatClient;
            var embeddingGenerator = shiftLeft.Symbols.IEmbeddingGenerator;
            if (IsEither(type.OriginalDefinition, chatClient, embeddingGenerator))
            {
                return true;
            }

            // Listing a type's interfaces builds a new array: asked once, for both candidates.
            foreach (var implemented in type.AllInterfaces)
            {
                if (IsEither(implemented.OriginalDefinition, chatClient, embeddingGenerator))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEither(ITypeSymbol type, INamedTypeSymbol? first, INamedTypeSymbol? second) =>
            (first is not null && SymbolEqualityComparer.Default.Equals(type, first))
            || (second is not null && SymbolEqualityComparer.Default.Equals(type, second));

        public static PipelineFacts Analyze(ShiftLeftCompilation shiftLeft, MemberFacts facts, IOperation receiver)
        {
            var pipeline = new ClientPipeline(shiftLeft, facts, receiver.SemanticModel);
            pipeline.Follow(receiver, 0);
            return new PipelineFacts(pipeline._visible, pipeline._injected || !pipeline._visible, pipeline._logging, pipeline._guardrail);
        }

        private void Follow(IOperation operation, int depth)
        {
            var value = OperationScope.Unwrap(operation);
            ReadType(value.Type);
            switch (value)
            {
                case IParameterReferenceOperation:
                    _injected = true;
                    return;
                case ILocalReferenceOperation local:
                    FollowSymbol(local.Local, depth);
                    return;
                case IFieldReferenceOperation field:
                    FollowMember(field.Field, depth);
                    return;
                case IPropertyReferenceOperation property:
                    FollowMember(property.Property, depth);
                    return;
                case IInvocationOperation invocation when IsServiceResolution(invocation.TargetMethod):
                    _injected = true;
                    return;
                case IInvocationOperation or IObjectCreationOperation:
                    _visible = true;
                    ScanCreation(value, depth);
                    return;
                default:
                    _injected = true;
                    return;
            }
        }

        private void FollowSymbol(ISymbol symbol, int depth)
        {
            if (depth >= MaxDepth || !_visited.Add(symbol))
            {
                return;
            }

            var found = false;
            foreach (var write in _facts.Writes)
            {
                if (SymbolEqualityComparer.Default.Equals(write.Target, symbol))
                {
                    found = true;
                    if (write.Value.Parent is IArgumentOperation)
                    {
                        // A mutating call on the client or builder (builder.UseLogging() as a statement).
                        ScanCreation(write.Value.Parent.Parent!, depth + 1);
                    }
                    else
                    {
                        Follow(write.Value, depth + 1);
                    }
                }
            }

            foreach (var invocation in _facts.Invocations)
            {
                if (OperationScope.GetInvocationTarget(invocation) is { } target
                    && OperationScope.TryGetTrackedSymbol(OperationScope.Unwrap(target), out var receiverSymbol)
                    && SymbolEqualityComparer.Default.Equals(receiverSymbol, symbol))
                {
                    ReadInvocation(invocation);
                }
            }

            if (!found)
            {
                _injected = true;
            }
        }

        private void FollowMember(ISymbol member, int depth)
        {
            if (depth >= MaxDepth || !_visited.Add(member) || _semanticModel is null)
            {
                _injected |= depth >= MaxDepth;
                return;
            }

            var found = false;
            var tree = _semanticModel.SyntaxTree;
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != tree)
                {
                    continue;
                }

                var initializer = reference.GetSyntax() switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };
                if (initializer is not null && _semanticModel.GetOperation(initializer) is { } initializerOperation)
                {
                    found = true;
                    Follow(initializerOperation, depth + 1);
                }
            }

            foreach (var constructor in member.ContainingType.InstanceConstructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree != tree || _semanticModel.GetOperation(reference.GetSyntax()) is not { } body)
                    {
                        continue;
                    }

                    foreach (var descendant in body.Descendants())
                    {
                        if (descendant is IAssignmentOperation assignment
                            && OperationScope.TryGetTrackedSymbol(OperationScope.Unwrap(assignment.Target), out var assigned)
                            && SymbolEqualityComparer.Default.Equals(assigned, member))
                        {
                            found = true;
                            Follow(assignment.Value, depth + 1);
                        }
                    }
                }
            }

            if (!found)
            {
                _injected = true;
            }
        }

        private void ScanCreation(IOperation creation, int depth)
        {
            foreach (var descendant in creation.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case IInvocationOperation invocation:
                        ReadInvocation(invocation);
                        break;
                    case IObjectCreationOperation objectCreation:
                        ReadType(objectCreation.Type);
                        break;
                    case ILocalReferenceOperation local when depth < MaxDepth:
                        FollowSymbol(local.Local, depth + 1);
                        break;
                    case IFieldReferenceOperation field when depth < MaxDepth && field.Type is not null && IsClientOrBuilder(field.Type):
                        FollowMember(field.Field, depth + 1);
                        break;
                }
            }
        }

        private void ReadInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (IsLoggingBuilderMethod(method))
            {
                _logging = true;
            }

            if (_shiftLeft.Guardrails.IsGuardrailMethod(method))
            {
                _guardrail = true;
            }
        }

        private void ReadType(ITypeSymbol? type)
        {
            if (type is null)
            {
                return;
            }

            if (IsLoggingClientType(type))
            {
                _logging = true;
            }

            if (type.TypeKind != TypeKind.Interface && _shiftLeft.Guardrails.IsGuardrailType(type))
            {
                _guardrail = true;
            }
        }

        private bool IsClientOrBuilder(ITypeSymbol type) =>
            type.Name is "ChatClientBuilder" or "EmbeddingGeneratorBuilder" || IsPipelineClientType(_shiftLeft, type);

        /// <summary>UseLogging / UseOpenTelemetry on any Microsoft.Extensions.AI builder.</summary>
        public static bool IsLoggingBuilderMethod(IMethodSymbol method) =>
            method.Name is "UseLogging" or "UseOpenTelemetry"
            && method.ContainingNamespace?.ToDisplayString() == ExtensionsAiNamespace;

        /// <summary>LoggingChatClient, OpenTelemetryChatClient and their embedding counterparts, or types deriving from them.</summary>
        public static bool IsLoggingClientType(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name is "LoggingChatClient" or "OpenTelemetryChatClient" or "LoggingEmbeddingGenerator" or "OpenTelemetryEmbeddingGenerator"
                    && current.ContainingNamespace?.ToDisplayString() == ExtensionsAiNamespace)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsServiceResolution(IMethodSymbol method) =>
            method.Name.StartsWith("GetRequired", StringComparison.Ordinal)
            || method.Name.StartsWith("GetService", StringComparison.Ordinal)
            || method.Name.StartsWith("GetKeyedService", StringComparison.Ordinal)
            || method.Name.StartsWith("GetRequiredKeyedService", StringComparison.Ordinal);
    }
}
