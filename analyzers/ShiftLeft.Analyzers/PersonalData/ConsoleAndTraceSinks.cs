// Usage: the log sinks SL0003 adds on top of the shared LogSinkClassifier (ILogger, [LoggerMessage], audit methods):
//   var sinks = new ConsoleAndTraceSinks(shiftLeft.Types);
//   if (sinks.IsSink(method)) … every argument of the call is written out.
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>Console.Write/WriteLine, System.Diagnostics.Debug/Trace writes, Serilog's ILogger and static Log.</summary>
    internal sealed class ConsoleAndTraceSinks
    {
        private readonly INamedTypeSymbol? _console;
        private readonly INamedTypeSymbol? _debug;
        private readonly INamedTypeSymbol? _trace;
        private readonly INamedTypeSymbol? _serilogLogger;
        private readonly INamedTypeSymbol? _serilogLog;

        public ConsoleAndTraceSinks(Infrastructure.ReferencedTypes types)
        {
            _console = types.Get("System.Console");
            _debug = types.Get("System.Diagnostics.Debug");
            _trace = types.Get("System.Diagnostics.Trace");
            _serilogLogger = types.Get("Serilog.ILogger");
            _serilogLog = types.Get("Serilog.Log");
        }

        /// <summary>True when every argument of a call to <paramref name="method"/> is written to an output or log.</summary>
        public bool IsSink(IMethodSymbol method)
        {
            var declared = (method.ReducedFrom ?? method).OriginalDefinition;
            var type = declared.ContainingType;
            if (type is null)
                return false;

            if (Is(type, _console))
                return declared.Name == "Write" || declared.Name == "WriteLine";

            if (Is(type, _debug) || Is(type, _trace))
            {
                return declared.Name.StartsWith("Write", System.StringComparison.Ordinal)
                    || declared.Name == "Print" || declared.Name == "Fail" || declared.Name == "Assert"
                    || declared.Name.StartsWith("Trace", System.StringComparison.Ordinal);
            }

            if (_serilogLogger is null || !IsSerilogLevelMethod(declared.Name))
                return false;
            if (Is(type, _serilogLog))
                return true;
            foreach (var related in MethodIdentity.RelatedMethods(declared))
            {
                if (Is(related.ContainingType, _serilogLogger))
                    return true;
            }

            return false;
        }

        private static bool IsSerilogLevelMethod(string name) =>
            name == "Verbose" || name == "Debug" || name == "Information" || name == "Warning"
            || name == "Error" || name == "Fatal" || name == "Write";

        private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected) =>
            type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
    }
}
