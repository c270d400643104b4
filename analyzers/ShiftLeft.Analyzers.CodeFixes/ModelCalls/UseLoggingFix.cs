using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.CodeFixes.Editing;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.ModelCalls;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// SL0001: a logging layer in the client's Microsoft.Extensions.AI pipeline, only where it can run.
    /// <c>UseLogging()</c> without a factory resolves <c>ILoggerFactory</c> from the service provider given to
    /// <c>Build</c>, and <c>Build()</c> without one throws at start ("No service for type ILoggerFactory"). So:
    /// <list type="bullet">
    /// <item>a visible builder chain gets <c>.UseLogging(factory)</c> with an ILoggerFactory in scope at <c>Build</c>
    /// (local, parameter, field, property, primary-constructor parameter), or <c>.UseLogging()</c> when <c>Build</c> is
    /// given the service provider of a container that has logging;</item>
    /// <item>a client made without a builder (<c>chatClient.AsIChatClient()</c>) becomes
    /// <c>….AsBuilder().UseLogging(factory).Build()</c> with a factory in scope;</item>
    /// <item>an injected client gets <c>.UseLogging()</c> on the project's <c>AddChatClient(…)</c> registrations, which DI
    /// builds with its own service provider, when that container has logging (a host, or <c>AddLogging</c>).</item>
    /// </list>
    /// Anything else gets no UseLogging fix.
    /// </summary>
    internal static class UseLoggingFix
    {
        private const string Namespace = "Microsoft.Extensions.AI";
        private const string UseLogging = "UseLogging";

        public static async Task<FixPlan?> PlanAsync(ModelCallFixContext context, CancellationToken cancellationToken)
        {
            var model = context.SemanticModel;
            var loggerFactory = model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILoggerFactory");
            if (loggerFactory is null
                || model.Compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.LoggingChatClientBuilderExtensions") is null
                || PipelineLocator.Locate(context) is not { } pipeline)
            {
                return null;
            }

            if (!pipeline.HasVisibleCreation)
            {
                return pipeline.IsInjected ? await PlanRegistrationsAsync(context, cancellationToken).ConfigureAwait(false) : null;
            }

            var plan = new FixPlan();
            var edits = plan.In(context.Document);
            foreach (var build in pipeline.BuildCalls)
            {
                if (build.Expression is not MemberAccessExpressionSyntax { Expression: var builder } || model.GetTypeInfo(builder, cancellationToken).Type is not { } builderType)
                {
                    return null;
                }

                var arguments = FactoryArgument(model, build.SpanStart, loggerFactory);
                if (arguments is null && IsGivenServiceProvider(model, build, cancellationToken)
                    && await ClientRegistrations.ContainerHasLoggingAsync(context.Document.Project, model.Compilation).ConfigureAwait(false))
                {
                    arguments = SyntaxFactory.ArgumentList();
                }

                if (arguments is null)
                {
                    return null;
                }

                var layout = ChainLayout.Of(builder);
                edits.Replace.Add((builder, current => layout.Append(current, UseLogging, arguments)));
                RequireNamespace(edits, model, build.SpanStart, builderType, UseLogging);
            }

            foreach (var creation in pipeline.UnbuiltCreations)
            {
                var arguments = FactoryArgument(model, creation.SpanStart, loggerFactory);
                if (arguments is null || model.GetTypeInfo(creation, cancellationToken).Type is not { } clientType || !ClientPipeline.IsPipelineClientType(context.ShiftLeft, clientType))
                {
                    return null;
                }

                var layout = ChainLayout.Of(creation);
                var empty = SyntaxFactory.ArgumentList();
                edits.Replace.Add((creation, current => layout.Append(layout.Append(layout.Append(current, "AsBuilder", empty), UseLogging, arguments), "Build", empty)));
                RequireNamespace(edits, model, creation.SpanStart, clientType, "AsBuilder");
            }

            return plan;
        }

        private static async Task<FixPlan?> PlanRegistrationsAsync(ModelCallFixContext context, CancellationToken cancellationToken)
        {
            var project = context.Document.Project;
            var clientType = context.Call.Receiver is { } receiver ? OperationScope.Unwrap(receiver).Type : null;
            if (clientType is null || clientType.TypeKind != TypeKind.Interface || !ClientPipeline.IsPipelineClientType(context.ShiftLeft, clientType)
                || !await ClientRegistrations.ContainerHasLoggingAsync(project, context.SemanticModel.Compilation).ConfigureAwait(false))
            {
                return null;
            }

            var registrations = await ClientRegistrations.FindAsync(project, clientType, cancellationToken).ConfigureAwait(false);
            if (registrations.Calls.Count == 0)
            {
                return null;
            }

            var plan = new FixPlan();
            foreach (var (document, model, call, builder) in registrations.Calls)
            {
                var edits = plan.In(document);
                var layout = ChainLayout.Of(call);
                edits.Replace.Add((call, current => layout.Append(current, UseLogging, SyntaxFactory.ArgumentList())));
                RequireNamespace(edits, model, call.Span.End, builder, UseLogging);
            }

            return plan;
        }

        /// <summary><c>(factory)</c> for the best ILoggerFactory usable at the position, or null when there is none.</summary>
        private static ArgumentListSyntax? FactoryArgument(SemanticModel model, int position, INamedTypeSymbol loggerFactory)
        {
            var (name, _) = ValuesInScope.Find(model, position, type => IsLoggerFactory(type, loggerFactory)).FirstOrDefault();
            return name is null
                ? null
                : SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name))));
        }

        private static bool IsLoggerFactory(ITypeSymbol type, INamedTypeSymbol loggerFactory) =>
            SymbolEqualityComparer.Default.Equals(type, loggerFactory)
            || type.AllInterfaces.Contains(loggerFactory, SymbolEqualityComparer.Default);

        /// <summary><c>builder.Build(services)</c> with a service provider that is not a null literal.</summary>
        private static bool IsGivenServiceProvider(SemanticModel model, InvocationExpressionSyntax build, CancellationToken cancellationToken) =>
            model.GetOperation(build, cancellationToken) is IInvocationOperation invocation
            && invocation.Arguments.Any(argument => argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Parameter?.Type.Name == "IServiceProvider"
                && argument.Value.ConstantValue is not { HasValue: true, Value: null }
                && OperationScope.Unwrap(argument.Value) is not IDefaultValueOperation);

        private static void RequireNamespace(DocumentEdits edits, SemanticModel model, int position, ITypeSymbol receiverType, string method)
        {
            if (!Imports.IsExtensionReachable(model, position, receiverType, method))
            {
                edits.Usings.Add(Namespace);
            }
        }
    }
}
