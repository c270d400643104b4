using ShiftLeft.Analyzers.Infrastructure;
using ShiftLeft.Analyzers.Untrusted;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// SL0002's decision and message (<see cref="ModelCallAnalyzer"/> finds the call): an unguarded generative call is
    /// reported when its prompt carries outside data (the untrusted-source catalogue; a helper's parameters followed to
    /// its callers when all of them are in view: <see cref="CallerArguments.PassedToHelper"/>), or always under
    /// <c>shiftleft.guardrail_scope = all</c>. The message names the source and how to declare a guardrail for that stack.
    /// </summary>
    internal static class ModelCallWithoutGuardrail
    {
        private const string Declare = "declare a guardrail the prompt or the result passes through (a method marked [Guardrail] or listed in shiftleft.guardrail_methods)";

        // passedThrough: the helper whose callers pass the source (CallerArguments.PassedToHelper), or null.
        public static string FormatMessage(in ModelCall call, ModelCallStack stack, UntrustedSources sources, string? passedThrough = null)
        {
            var how = Declare + stack switch
            {
                ModelCallStack.ExtensionsAi => ", or a guarding layer in the client pipeline (a .Use(...) delegate or DelegatingChatClient that can block or rewrite)",
                ModelCallStack.Kernel => ", or a prompt-render or function-invocation filter on the kernel that can block or rewrite the prompt",
                ModelCallStack.Agent => ", or agent middleware (AsBuilder().Use(...)) or a chat-client layer that can block or rewrite the request",
                ModelCallStack.KernelService => " (kernel filters do not run for a chat service called directly)",
                _ => string.Empty,
            };

            return sources.Primary is { } source
                ? "Model call '" + call.DisplayName + "' sends " + source.Description + (passedThrough is null ? string.Empty : CallerArguments.PassedBy(passedThrough)) + " to the model without a guardrail: " + how
                : "Model call '" + call.DisplayName + "' has no guardrail (shiftleft.guardrail_scope = all): " + how;
        }
    }
}
