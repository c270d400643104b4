// Usage: var agency = new AgencyCompilation(shiftLeft);   // one per compilation, made at compilation start
// What SL0008 learns once per compilation: the side effects of tool bodies, the kernels' scopes, whether a
// function-invoking client or an agent is used anywhere, and which tools were already reported where.
using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Agency
{
    internal sealed class AgencyCompilation
    {
        // Where a Microsoft.Extensions.AI ChatOptions.Tools list is run without being asked: a function-invoking client
        // (usually built in DI, far from the options) or an agent, which builds one by default.
        private static readonly string[] FunctionInvocationMarkers = { "UseFunctionInvocation", "FunctionInvokingChatClient", "ChatClientAgent", "AsAIAgent", "CreateAIAgent" };

        private readonly Lazy<bool> _invokesFunctions;
        private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span, string Tool), byte> _reported = new();

        public AgencyCompilation(ShiftLeftCompilation shiftLeft)
        {
            ShiftLeft = shiftLeft;
            Effects = new ToolEffects(shiftLeft.Compilation);
            Kernels = new KernelScopes(shiftLeft);
            _invokesFunctions = new Lazy<bool>(() => ScanForFunctionInvocation(shiftLeft.Compilation));
        }

        public ShiftLeftCompilation ShiftLeft { get; }

        public ToolEffects Effects { get; }

        public KernelScopes Kernels { get; }

        /// <summary>Some code of the compilation makes a function-invoking chat client or an agent (an ordinal text search, once).</summary>
        public bool InvokesFunctionsAutomatically => _invokesFunctions.Value;

        /// <summary>False when this tool was already reported at this place (one list reached through two exposures).</summary>
        public bool FirstReport(SyntaxNode reported, string tool) => _reported.TryAdd((reported.SyntaxTree, reported.Span, tool), 0);

        private static bool ScanForFunctionInvocation(Compilation compilation)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                var text = tree.GetText().ToString();
                foreach (var marker in FunctionInvocationMarkers)
                {
                    if (text.IndexOf(marker, StringComparison.Ordinal) >= 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
