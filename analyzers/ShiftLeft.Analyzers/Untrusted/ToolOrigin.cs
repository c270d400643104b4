using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// Where a setting that enables automatic tool invocation says the tools come from: a value holding them (a
    /// <c>ChatOptions.Tools</c> list, an agent's <c>tools:</c>, <c>FunctionChoiceBehavior.Auto(functions: …)</c>), or the
    /// plugins of the kernel the call runs on. <see cref="Facts"/> describe the member the value is written in.
    /// </summary>
    internal readonly struct ToolOrigin
    {
        private ToolOrigin(IOperation? tools, MemberFacts facts)
        {
            Tools = tools;
            Facts = facts;
        }

        /// <summary>The value holding the tools (a list, one tool, or anything that leads to them); null for the kernel's plugins.</summary>
        public IOperation? Tools { get; }

        public MemberFacts Facts { get; }

        public bool IsKernelPlugins => Tools is null;

        public static ToolOrigin List(IOperation tools, MemberFacts facts) => new(tools, facts);

        public static ToolOrigin KernelPlugins(MemberFacts facts) => new(null, facts);
    }
}
