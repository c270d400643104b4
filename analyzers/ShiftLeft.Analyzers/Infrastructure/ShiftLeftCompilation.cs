// Usage (every ShiftLeft analyzer starts like this):
//   context.RegisterCompilationStartAction(start =>
//   {
//       var shiftLeft = ShiftLeftCompilation.Get(start.Compilation, start.Options);
//       if (!shiftLeft.ShouldAnalyze) return;            // no AI SDK and no configured model call: register nothing
//       start.RegisterOperationAction(c => ..., OperationKind.Invocation);
//   });
// One instance per compilation, shared by all analyzers of this assembly (symbols and options resolved once).
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class ShiftLeftCompilation
    {
        private static readonly ConditionalWeakTable<Compilation, ShiftLeftCompilation> Cache = new();

        private ShiftLeftCompilation(Compilation compilation, AnalyzerOptions analyzerOptions)
        {
            Compilation = compilation;
            Symbols = AiSymbols.Create(compilation);
            Options = ShiftLeftOptions.Read(analyzerOptions, compilation);
            ModelCalls = new ModelCallClassifier(Symbols, Options);
            LogSinks = new LogSinkClassifier(Symbols, Options);
            Guardrails = new GuardrailClassifier(Symbols, Options);
            ShouldAnalyze = Symbols.HasAnyAiSdk || !Options.ModelCallMethods.IsEmpty;
        }

        public Compilation Compilation { get; }
        public AiSymbols Symbols { get; }
        public ShiftLeftOptions Options { get; }
        public ModelCallClassifier ModelCalls { get; }
        public LogSinkClassifier LogSinks { get; }
        public GuardrailClassifier Guardrails { get; }

        /// <summary>False when no AI SDK is referenced and no model-call method is configured.</summary>
        public bool ShouldAnalyze { get; }

        public static ShiftLeftCompilation Get(Compilation compilation, AnalyzerOptions options) =>
            Cache.GetValue(compilation, c => new ShiftLeftCompilation(c, options));
    }
}
