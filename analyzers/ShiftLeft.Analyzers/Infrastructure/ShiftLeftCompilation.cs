// Usage (every rule analyzer starts like this):
//   context.EnableConcurrentExecution();
//   context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);   // both here, where RS1025/RS1026 look for them
//   ShiftLeftCompilation.OnAnalyzableCompilation(context, (start, shiftLeft) => start.RegisterOperationAction(c => ..., OperationKind.Invocation));
// One instance per compilation, shared by all analyzers of this assembly (symbols and options resolved once).
using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.ModelCalls;
using ShiftLeft.Analyzers.Secrets;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class ShiftLeftCompilation
    {
        private static readonly ConditionalWeakTable<Compilation, ShiftLeftCompilation> Cache = new();

        private ShiftLeftCompilation(Compilation compilation, AnalyzerOptions analyzerOptions)
        {
            Compilation = compilation;
            Types = new ReferencedTypes(compilation);
            Symbols = AiSymbols.Create(Types);
            Options = ShiftLeftOptions.Read(analyzerOptions, compilation);
            ModelCalls = new ModelCallClassifier(Symbols, Options);
            LogSinks = new LogSinkClassifier(Symbols, Options);
            Guardrails = new GuardrailClassifier(Symbols, Options);
            ShouldAnalyze = Symbols.HasAnyAiSdk || !Options.ModelCallMethods.IsEmpty;
            Tools = new ModelTools(compilation);
            InProcess = new InProcessModels(compilation, Symbols, Options);
            MemberWrites = new MemberWrites(compilation);
            _catalog = new Lazy<UntrustedSourceCatalog>(() => new UntrustedSourceCatalog(Options.UntrustedSourceMethods));
            _untrusted = new Lazy<UntrustedFlow>(() => new UntrustedFlow(this, _catalog.Value));
            _secrets = new Lazy<UntrustedFlow>(() => new UntrustedFlow(this, _catalog.Value, new SecretReadCatalog()));
            _layers = new Lazy<MiddlewareBehaviour>(() => new MiddlewareBehaviour(this));
        }

        private readonly Lazy<UntrustedSourceCatalog> _catalog;
        private readonly Lazy<UntrustedFlow> _untrusted;
        private readonly Lazy<UntrustedFlow> _secrets;
        private readonly Lazy<MiddlewareBehaviour> _layers;

        /// <summary>The values each field or property is written with, across its type's declarations.</summary>
        public MemberWrites MemberWrites { get; }

        /// <summary>Which model clients run the model in the application's own process.</summary>
        public InProcessModels InProcess { get; }

        /// <summary>Which methods are exposed to a model as tools.</summary>
        public ModelTools Tools { get; }

        /// <summary>The untrusted-source catalogue and its flow engine (SL0002 and the rules built on them), made on first use.</summary>
        public UntrustedFlow Untrusted => _untrusted.Value;

        /// <summary>The same flow engine looking for credentials (SL0009), with caches of its own, made on first use.</summary>
        public UntrustedFlow Secrets => _secrets.Value;

        /// <summary>
        /// What the compilation's own filters and middleware do, read once per layer type for every rule that asks (reading
        /// a layer binds its methods' bodies).
        /// </summary>
        public MiddlewareBehaviour Layers => _layers.Value;

        public Compilation Compilation { get; }

        /// <summary>Type lookup by metadata name, the SDKs' types searched in their own assemblies only.</summary>
        public ReferencedTypes Types { get; }
        public AiSymbols Symbols { get; }
        public ShiftLeftOptions Options { get; }
        public ModelCallClassifier ModelCalls { get; }
        public LogSinkClassifier LogSinks { get; }
        public GuardrailClassifier Guardrails { get; }

        /// <summary>False when no AI SDK is referenced and no model-call method is configured.</summary>
        public bool ShouldAnalyze { get; }

        public static ShiftLeftCompilation Get(Compilation compilation, AnalyzerOptions options) =>
            Cache.GetValue(compilation, c => new ShiftLeftCompilation(c, options));

        /// <summary>
        /// The shared start of every rule: the SDKs resolved once per compilation, and <paramref name="register"/> called
        /// only when the compilation has an AI SDK or a configured model call (otherwise nothing is registered).
        /// </summary>
        public static void OnAnalyzableCompilation(AnalysisContext context, Action<CompilationStartAnalysisContext, ShiftLeftCompilation> register)
        {
            context.RegisterCompilationStartAction(start =>
            {
                var shiftLeft = Get(start.Compilation, start.Options);
                if (shiftLeft.ShouldAnalyze)
                {
                    register(start, shiftLeft);
                }
            });
        }
    }
}
