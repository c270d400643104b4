using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>SL0001's message (<see cref="ModelCallAnalyzer"/> finds it): what exists for that client to leave a record.</summary>
    internal static class ModelCallNotAuditLogged
    {
        public static string FormatMessage(in ModelCall call, ModelCallStack stack, ShiftLeftOptions options)
        {
            var audit = options.AuditLogMethods.IsEmpty ? string.Empty : " (or pass it to '" + options.AuditLogMethods.Entries[0] + "')";
            var suggestion = stack switch
            {
                ModelCallStack.ExtensionsAi => ", or build the client with UseLogging() or UseOpenTelemetry() in its ChatClientBuilder pipeline",
                ModelCallStack.Kernel => ", or give the kernel logging (builder.Services.AddLogging(...)) or a function-invocation or prompt-render filter that logs",
                ModelCallStack.KernelService => ", or resolve the service from a kernel whose services register logging (builder.Services.AddLogging(...))",
                ModelCallStack.Agent => ", or add UseLogging() or UseOpenTelemetry() to the agent's builder (AsBuilder()) or to the chat client it runs on",
                ModelCallStack.ProviderChat => ", or wrap the client with AsIChatClient() and build it with UseLogging()",
                ModelCallStack.ProviderEmbedding => ", or wrap the client with AsIEmbeddingGenerator() and build it with UseLogging()",
                _ => string.Empty,
            };
            return "Model call '" + call.DisplayName + "' is not audit-logged: log its prompt or response" + audit + suggestion;
        }
    }
}
