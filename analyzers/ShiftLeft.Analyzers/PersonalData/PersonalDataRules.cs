// Usage: the per-compilation rule set of SL0003/SL0004, built on the shared ShiftLeftCompilation.
//   var rules = PersonalDataRules.Get(shiftLeft);
//   rules.Classify(invocation).Role   // Redactor, Guardrail, ModelCall, Log or None (cached per method)
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.ModelCalls;
using ShiftLeft.Analyzers.PersonalData.Flow;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal sealed class PersonalDataRules : IPersonalDataRules
    {
        /// <summary><c>true</c> lets personal data flow through calls to the compilation's own methods.</summary>
        public const string InterproceduralOptionKey = "shiftleft.personal_data_interprocedural";

        private static readonly ConditionalWeakTable<ShiftLeftCompilation, PersonalDataRules> Cache = new ConditionalWeakTable<ShiftLeftCompilation, PersonalDataRules>();

        private readonly ShiftLeftCompilation _shiftLeft;
        private readonly PersonalDataSources _sources;
        private readonly ConsoleAndTraceSinks _consoleAndTrace;
        private readonly INamedTypeSymbol? _personalDataProtector;
        private readonly AnswerCache<IMethodSymbol, InvocationRole> _roles;
        private readonly AnswerCache<ITypeSymbol, bool> _messageTypes;
        private readonly MiddlewareBehaviour _layers;
        private readonly PersonalObjects _objects;
        private readonly System.Lazy<InProcessTools> _inProcessTools;

        private PersonalDataRules(ShiftLeftCompilation shiftLeft, bool interprocedural)
        {
            _shiftLeft = shiftLeft;
            Types = new PersonalDataTypes(shiftLeft.Types);
            _sources = new PersonalDataSources(shiftLeft.Options, Types);
            _consoleAndTrace = new ConsoleAndTraceSinks(shiftLeft.Types);
            _personalDataProtector = shiftLeft.Types.Get("Microsoft.AspNetCore.Identity.IPersonalDataProtector");
            InterproceduralFlow = interprocedural;
            _roles = new AnswerCache<IMethodSymbol, InvocationRole>(SymbolEqualityComparer.Default, ComputeRole);
            _messageTypes = new AnswerCache<ITypeSymbol, bool>(SymbolEqualityComparer.Default, ComputeIsMessageType);
            _layers = shiftLeft.Layers;
            _objects = new PersonalObjects(IsPersonalData);
            Mentions = new PersonalDataMentions(
                _sources.NameTerms.Concat(PersonalClaims.Names).Concat(new[] { PersonalDataNames.UserNameWord, PersonalObjects.SerializerMethodPrefix }),
                PersonalDataNames.PersonContextWords,
                shiftLeft.Compilation,
                () => AttributeMarkedMembers.Names(shiftLeft.Compilation, _sources, shiftLeft.Options.PersonalDataAttributes));
            _inProcessTools = new System.Lazy<InProcessTools>(() => new InProcessTools(shiftLeft));
        }

        /// <summary>The textual step of the trigger: whether a member's text can read a source at all.</summary>
        public PersonalDataMentions Mentions { get; }

        public PersonalDataTypes Types { get; }

        public bool InterproceduralFlow { get; }

        public static PersonalDataRules Get(ShiftLeftCompilation shiftLeft, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options) =>
            Cache.GetValue(shiftLeft, s => new PersonalDataRules(s, ReadInterprocedural(s.Compilation, options)));

        public bool IsPersonalData(ISymbol symbol) => _sources.IsPersonalData(symbol);

        public bool IsPersonalRead(ISymbol member, IOperation? instance) =>
            _sources.IsPersonalData(member) || (PersonalDataNames.IsNameWord(member.Name) && IsPerson(instance));

        public string? ClaimRead(IInvocationOperation invocation) => PersonalClaims.Describe(invocation);

        public string? SerializedObject(IInvocationOperation invocation) => _objects.SerializedObject(invocation);

        /// <summary>
        /// "the tool 'GetUserInfo'" when the member is exposed to a model as a tool (its return value reaches the model),
        /// else null — also for a tool offered only to models in the application's process (<see cref="InProcessTools"/>):
        /// what it returns reaches no model operator. Asked only of a member that reads personal data.
        /// </summary>
        public string? ToolName(ISymbol owningSymbol) =>
            _shiftLeft.Tools.IsTool(owningSymbol) && !_inProcessTools.Value.IsOfferedOnlyInProcess((IMethodSymbol)owningSymbol) ? owningSymbol.Name : null;

        /// <summary>The object a name is read on is named for a person: <c>customer</c>, <c>_user</c>, <c>request.Sender</c>.</summary>
        private static bool IsPerson(IOperation? instance)
        {
            var name = instance is null ? null : OperationScope.Unwrap(instance) switch
            {
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.Name,
                _ => null,
            };
            return name is not null && PersonalDataNames.NamesPerson(name);
        }

        public InvocationClassification Classify(IInvocationOperation invocation) => Classify(invocation, semanticModel: null);

        /// <summary>The rules for one member's flow: model calls are also asked about as written, through its semantic model.</summary>
        public IPersonalDataRules InMember(SemanticModel? semanticModel) => semanticModel is null ? this : new MemberRules(this, semanticModel);

        private InvocationClassification Classify(IInvocationOperation invocation, SemanticModel? semanticModel)
        {
            var method = invocation.TargetMethod;
            var role = _roles.Get(Declared(method));
            if (role == InvocationRole.Redactor || role == InvocationRole.Guardrail)
                return new InvocationClassification(role, method.Name, ImmutableArray<IOperation>.Empty);

            if (_shiftLeft.ModelCalls.TryClassify(invocation, out var call))
            {
                // A kernel, agent or chat client with a layer configured as a redactor redacts every prompt it sends; a model
                // in the application's process discloses it to nobody.
                var sent = semanticModel is not null && DisclosesNothing(call, semanticModel) ? ImmutableArray<IOperation>.Empty : ExpandParams(PromptTemplateArguments.Rendered(call, Types.KernelArguments).Select(a => a.Value));
                return new InvocationClassification(InvocationRole.ModelCall, call.DisplayName, sent);
            }

            return role == InvocationRole.Log
                ? new InvocationClassification(InvocationRole.Log, method.Name, LoggedValues(invocation))
                : InvocationClassification.None;
        }

        /// <summary>
        /// True inside a type implementing a model-client interface (middleware, connectors): they forward prompts that
        /// were built elsewhere, so they are not where personal data is sent (SL0004 reports the originating call).
        /// </summary>
        public bool IsInsideModelClient(ISymbol owningSymbol) =>
            owningSymbol.ContainingType is { } containing && _shiftLeft.ModelCalls.IsInsideModelClientImplementation(containing);

        /// <summary>
        /// The prompt reaches no model operator: the call goes through a pipeline with a layer configured as a redactor (a
        /// kernel filter, agent middleware, a chat-client layer — the same reading of layers as SL0001/SL0002), or its model
        /// runs in the application's process (<see cref="InProcessModels"/>). Asked about the call as written (the flow
        /// hands in the control-flow graph's rewritten operation, whose locals are flow captures). A chat service called
        /// directly has no layers of its own, so only where it runs is asked. Only model calls met by a personal-data flow get here.
        /// </summary>
        private bool DisclosesNothing(in ModelCall flowCall, SemanticModel semanticModel)
        {
            // The receiver's type is kept in the graph: a call with no pipeline is not bound again.
            if (ClientPipeline.OperandOf(_shiftLeft, flowCall) is null
                || semanticModel.GetOperation(flowCall.Invocation.Syntax) is not IInvocationOperation written
                || !_shiftLeft.ModelCalls.TryClassify(written, out var call)
                || ClientPipeline.OperandOf(_shiftLeft, call) is not { } followed)
            {
                return false;
            }

            var pipeline = ClientPipeline.Analyze(_shiftLeft, _layers, MemberFacts.Gather(OperationScope.GetMemberRoot(written)), followed.Operand, followed.Kind);
            return pipeline.RunsInProcess || (HasRedactableLayers(followed) && pipeline.HasRedactor);
        }

        private static bool HasRedactableLayers((IOperation Operand, PipelineKind Kind)? pipeline) =>
            pipeline is { Kind: PipelineKind.Kernel or PipelineKind.Agent or PipelineKind.ChatClient };

        public bool IsMessageType(ITypeSymbol? type) => type is not null && _messageTypes.Get(type);

        /// <summary>Cheap trigger check: is this call a log or model sink? (Both answers are cached per declared method.)</summary>
        public SinkKind? SinkOf(IInvocationOperation invocation)
        {
            if (_roles.Get(Declared(invocation.TargetMethod)) == InvocationRole.Log)
                return SinkKind.Log;
            return _shiftLeft.ModelCalls.IsModelCall(invocation) ? SinkKind.Model : null;
        }

        /// <summary>
        /// The cache key: every role depends only on the method as declared (containing type, name, attributes), so all
        /// constructions of a generic method and the reduced extension form share one entry instead of hashing each.
        /// </summary>
        private static IMethodSymbol Declared(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

        /// <summary>Redactor, guardrail, log or none: everything that depends on the method alone.</summary>
        private InvocationRole ComputeRole(IMethodSymbol method)
        {
            if (IsRedactor(method))
                return InvocationRole.Redactor;
            if (_shiftLeft.Guardrails.IsGuardrailMethod(method))
                return InvocationRole.Guardrail;
            if (_shiftLeft.LogSinks.TryClassify(method, out _) || _consoleAndTrace.IsSink(method))
                return InvocationRole.Log;
            return InvocationRole.None;
        }

        private bool IsRedactor(IMethodSymbol method)
        {
            var declared = (method.ReducedFrom ?? method).OriginalDefinition;
            if (_shiftLeft.Options.RedactionMethods.MatchesMethod(declared) || AttributeNames.HasOnSymbolOrContainingTypes(declared, AttributeNames.Redactor))
                return true;

            // Microsoft.Extensions.Compliance: Redactor.Redact(…), IRedactorProvider.GetRedactor(…), StringBuilder.AppendRedacted(…).
            if (declared.Name == "Redact" && PersonalDataTypes.DerivesFrom(declared.ContainingType, Types.Redactor))
                return true;
            if (declared.Name == "AppendRedacted" && declared.ContainingType?.Name == "RedactionStringBuilderExtensions")
                return true;

            // ASP.NET Core Identity encrypts personal data with IPersonalDataProtector.Protect.
            return declared.Name == "Protect" && _personalDataProtector is not null
                && MethodIdentity.RelatedMethods(declared).Any(m => SymbolEqualityComparer.Default.Equals(m.ContainingType, _personalDataProtector));
        }

        private ImmutableArray<IOperation> LoggedValues(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (_shiftLeft.LogSinks.TryClassify(method, out var kind))
            {
                var builder = ImmutableArray.CreateBuilder<IOperation>();
                foreach (var argument in LogSinkClassifier.LoggedArguments(invocation))
                {
                    // The logging source generator redacts parameters that carry a data classification (EnableRedaction).
                    if (kind == LogSinkKind.LoggerMessage && argument.Parameter is { } parameter
                        && parameter.GetAttributes().Any(a => PersonalDataTypes.DerivesFrom(a.AttributeClass, Types.DataClassificationAttribute)))
                        continue;
                    builder.Add(argument.Value);
                }

                return ExpandParams(builder);
            }

            return ExpandParams(invocation.Arguments
                .Where(argument => argument.ArgumentKind != ArgumentKind.DefaultValue)
                .Select(argument => argument.Value));
        }

        /// <summary>A compiler-built params array contributes its elements: each is reported (and fixed) on its own.</summary>
        private static ImmutableArray<IOperation> ExpandParams(System.Collections.Generic.IEnumerable<IOperation> values)
        {
            var builder = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var value in values)
            {
                if (value is IArrayCreationOperation { IsImplicit: true, Initializer: { } initializer })
                    builder.AddRange(initializer.ElementValues);
                else
                    builder.Add(value);
            }

            return builder.ToImmutable();
        }

        private bool ComputeIsMessageType(ITypeSymbol type)
        {
            return PersonalDataTypes.DerivesFrom(type, Types.OpenAIChatMessage)
                || PersonalDataTypes.DerivesFrom(type, Types.OpenAIContentPart)
                || PersonalDataTypes.DerivesFrom(type, Types.OpenAIMessageContent)
                || PersonalDataTypes.DerivesFrom(type, Types.AIChatMessage)
                || PersonalDataTypes.DerivesFrom(type, Types.AIContent)
                || PersonalDataTypes.DerivesFrom(type, Types.KernelContent)
                || PersonalDataTypes.DerivesFrom(type, Types.ChatHistory)
                || PersonalDataTypes.DerivesFrom(type, Types.ContentItemCollection)
                || PersonalDataTypes.DerivesFrom(type, Types.KernelArguments);
        }

        private static bool ReadInterprocedural(Compilation compilation, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            if (provider.GlobalOptions.TryGetValue(InterproceduralOptionKey, out var value))
                return IsTrue(value);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (provider.GetOptions(tree).TryGetValue(InterproceduralOptionKey, out value))
                    return IsTrue(value);
            }

            return false;
        }

        private static bool IsTrue(string? value) => bool.TryParse(value?.Trim(), out var enabled) && enabled;

        /// <summary>The rules with the semantic model of the member whose flow is analysed.</summary>
        private sealed class MemberRules : IPersonalDataRules
        {
            private readonly PersonalDataRules _rules;
            private readonly SemanticModel _semanticModel;

            public MemberRules(PersonalDataRules rules, SemanticModel semanticModel)
            {
                _rules = rules;
                _semanticModel = semanticModel;
            }

            public PersonalDataTypes Types => _rules.Types;

            public bool InterproceduralFlow => _rules.InterproceduralFlow;

            public bool IsPersonalData(ISymbol symbol) => _rules.IsPersonalData(symbol);

            // Sample objects the method builds from constants are judged by the constants (SampleData).
            public bool IsPersonalRead(ISymbol member, IOperation? instance) =>
                _rules.IsPersonalRead(member, instance) && !SampleData.HoldsLiteral(member, instance, _semanticModel);

            public string? ClaimRead(IInvocationOperation invocation) => _rules.ClaimRead(invocation);

            public string? SerializedObject(IInvocationOperation invocation) => _rules.SerializedObject(invocation);

            public InvocationClassification Classify(IInvocationOperation invocation) => _rules.Classify(invocation, _semanticModel);

            public bool IsMessageType(ITypeSymbol? type) => _rules.IsMessageType(type);
        }
    }
}
