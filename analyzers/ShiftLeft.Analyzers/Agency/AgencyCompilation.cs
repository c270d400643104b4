// Usage: var agency = new AgencyCompilation(shiftLeft);   // one per compilation, made at compilation start
// What SL0008 learns once per compilation: the side effects of tool bodies, the kernels' scopes, whether a
// function-invoking client or an agent can run tools here, and which tools were already reported where.
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Agency
{
    internal sealed class AgencyCompilation
    {
        private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span, string Tool), byte> _reported = new();

        public AgencyCompilation(ShiftLeftCompilation shiftLeft)
        {
            ShiftLeft = shiftLeft;
            Effects = new ToolEffects(shiftLeft.Compilation);
            Kernels = new KernelScopes(shiftLeft);
            Factories = new KernelFactories(shiftLeft.Compilation, Kernels);
            // Where a Microsoft.Extensions.AI tools list runs without being asked: a function-invoking client or an agent
            // (which builds one by default). Tools are usually declared in one project and run by a host in another, so
            // the question is whether this compilation can build either, not whether this file does.
            InvokesFunctionsAutomatically = shiftLeft.Types.Get("Microsoft.Extensions.AI.FunctionInvokingChatClient") is not null
                || shiftLeft.Symbols.ChatClientAgent is not null;
        }

        public ShiftLeftCompilation ShiftLeft { get; }

        public ToolEffects Effects { get; }

        public KernelScopes Kernels { get; }

        public KernelFactories Factories { get; }

        /// <summary>The compilation references Microsoft.Extensions.AI's FunctionInvokingChatClient or the Agent Framework's ChatClientAgent.</summary>
        public bool InvokesFunctionsAutomatically { get; }

        /// <summary>False when this tool was already reported at this place (one list reached through two exposures).</summary>
        public bool FirstReport(SyntaxNode reported, string tool) => _reported.TryAdd((reported.SyntaxTree, reported.Span, tool), 0);
    }
}
