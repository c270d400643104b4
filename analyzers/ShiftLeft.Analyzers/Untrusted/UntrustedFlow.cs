// Usage (one instance per compilation: shiftLeft.Untrusted):
//   var sources = shiftLeft.Untrusted.Of(value, facts);                 // the outside origins of a value in a member
//   var sources = shiftLeft.Untrusted.PromptOf(call, facts);            // of what a model call sends (SL0002)
//   var sources = shiftLeft.Untrusted.Of(value, facts, FlowOptions.ModelOutputIsSource, stops);   // SL0007: a response is a source,
//                                                                                                 // and calls of `stops` (sanitisers) end it
//   sources.IsEmpty   → built only from constants, embedded resources, configuration and files at constant paths
//   sources.Primary   → the source a message names ("the request body", "the parameter 'question'")
//   shiftLeft.Secrets.PromptOf(call, facts)                            // the credentials a model call sends (SL0009): the secret mode
// The one flow engine for outside data. It answers on demand, backward from the value asked about, over the facts the
// member's model-call analysis already gathered (MemberFacts: its invocations and writes), so a member costs nothing
// until a rule asks. What the value reads is followed through locals, lambdas and local functions of the member, into
// the compilation's own methods (a summary per method, its parameters replaced by what each caller passes), fields and
// properties (every write in their type, Razor's generated code included) — and classified by UntrustedSourceCatalog.
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>How a question is asked.</summary>
    internal enum FlowOptions
    {
        /// <summary>A model's response is as trusted as its prompt (plus tool results when the call invokes tools): SL0002.</summary>
        ModelOutputFollowsPrompt,

        /// <summary>
        /// A model's response is itself a source (<see cref="UntrustedSourceKind.ModelOutput"/>), so are a tool's parameters
        /// and the arguments of function calls; a method's parameter is also followed back to what its callers in the
        /// compilation pass: rules about output handling.
        /// </summary>
        ModelOutputIsSource,
    }

    /// <summary>
    /// Methods whose result carries none of the outside data they were given (a rule's sanitisers): a question asked
    /// with stops treats a call of one as trusted. One instance per rule and compilation (summaries are kept per instance).
    /// </summary>
    internal abstract class FlowStops
    {
        public abstract bool Stops(IInvocationOperation invocation);
    }

    internal sealed class UntrustedFlow
    {
        private readonly ShiftLeftCompilation _shiftLeft;

        // Summaries depend on how the question is asked: one set per (options, stops).
        private readonly ConcurrentDictionary<(FlowOptions Options, FlowStops? Stops), FlowSummaries> _summaries = new();

        // secrets: given, the flow finds credentials instead of outside data (FlowWalk.Secrets.cs); its caches are its own.
        public UntrustedFlow(ShiftLeftCompilation shiftLeft, UntrustedSourceCatalog catalog, Secrets.SecretReadCatalog? secrets = null)
        {
            _shiftLeft = shiftLeft;
            Catalog = catalog;
            Handlers = new HandlerMethods(catalog);
            Callers = new MethodCallers(shiftLeft.Compilation);
            Secrets = secrets;
        }

        public UntrustedSourceCatalog Catalog { get; }

        /// <summary>Methods handed by name to a call that feeds their parameters outside data (minimal-API handlers).</summary>
        public HandlerMethods Handlers { get; }
        /// <summary>The calls of each method of the compilation (for questions that follow parameters back to callers).</summary>
        internal MethodCallers Callers { get; }
        /// <summary>Where secrets are read, when this flow looks for credentials; null for outside data.</summary>
        public Secrets.SecretReadCatalog? Secrets { get; }

        internal ShiftLeftCompilation ShiftLeft => _shiftLeft;

        /// <summary>
        /// The outside origins of <paramref name="value"/>, an operation of the member <paramref name="facts"/> describe.
        /// <paramref name="placeholdersOf"/>: that member, when its own parameters are to be answered as placeholders
        /// (<see cref="UntrustedSource.Placeholder"/>) for a question that follows them to its callers.
        /// </summary>
        public UntrustedSources Of(IOperation value, MemberFacts facts, FlowOptions options = FlowOptions.ModelOutputFollowsPrompt, FlowStops? stops = null, IMethodSymbol? placeholdersOf = null) =>
            new FlowWalk(this, options, stops, Summaries(options, stops)).Evaluate(value, new FlowFrame(facts, placeholdersOf));

        /// <summary>What a model call sends: its prompt arguments, the prompt function it runs, and tool results when it invokes tools automatically.</summary>
        public UntrustedSources PromptOf(in ModelCall call, MemberFacts facts, IMethodSymbol? placeholdersOf = null) =>
            new FlowWalk(this, FlowOptions.ModelOutputFollowsPrompt, stops: null, Summaries(FlowOptions.ModelOutputFollowsPrompt, null)).Prompt(call, new FlowFrame(facts, placeholdersOf));

        private FlowSummaries Summaries(FlowOptions options, FlowStops? stops) => _summaries.GetOrAdd((options, stops), _ => new FlowSummaries());
    }

    /// <summary>What the fields, properties and methods of the compilation were found to hold or return, for one way of asking.</summary>
    internal sealed class FlowSummaries
    {
        private readonly ConcurrentDictionary<ISymbol, MemberSummary> _members = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, UntrustedSources> _methods = new(SymbolEqualityComparer.Default);

        internal bool TryGetMember(ISymbol member, out MemberSummary summary) => _members.TryGetValue(member, out summary!);

        internal void SetMember(ISymbol member, MemberSummary summary) => _members[member] = summary;

        internal bool TryGetMethod(ISymbol method, out UntrustedSources summary) => _methods.TryGetValue(method, out summary);

        internal void SetMethod(ISymbol method, UntrustedSources summary) => _methods[method] = summary;
    }

    /// <summary>What every write to a field or property in its type holds; <see cref="IsWritten"/> false when its type never writes it (a DTO filled by its user).</summary>
    internal sealed class MemberSummary
    {
        public MemberSummary(UntrustedSources sources, bool isWritten)
        {
            Sources = sources;
            IsWritten = isWritten;
        }

        public UntrustedSources Sources { get; }

        public bool IsWritten { get; }
    }

    /// <summary>The member a value is evaluated in: its facts, and the method being summarised (whose parameters are placeholders).</summary>
    internal sealed class FlowFrame
    {
        public FlowFrame(MemberFacts facts, IMethodSymbol? summarized)
        {
            Facts = facts;
            Summarized = summarized;
        }

        public MemberFacts Facts { get; }

        public IMethodSymbol? Summarized { get; }

        public Dictionary<ISymbol, UntrustedSources> Locals { get; } = new(SymbolEqualityComparer.Default);

        public HashSet<ISymbol> InProgress { get; } = new(SymbolEqualityComparer.Default);
    }
}
