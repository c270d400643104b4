namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// Where a value from outside the prompt's author comes from. SL0002 treats every kind as outside data; a rule that
    /// wants only data an attacker controls directly (SL0006, SL0007) filters on the kind (a plain method parameter, for
    /// instance, is outside data but is not known to be attacker-controlled).
    /// </summary>
    internal enum UntrustedSourceKind
    {
        /// <summary>A parameter of the method that builds the prompt (or of the method that wrote the field it reads).</summary>
        Parameter,

        /// <summary>HTTP request data: controller, Razor Pages and minimal-API inputs, HttpRequest reads, uploaded files, Blazor component parameters and bound inputs.</summary>
        RequestData,

        /// <summary>Arguments of a SignalR hub method or a SignalR client handler.</summary>
        SignalRMessage,

        /// <summary>Chat messages handed in (a parameter holding messages or a chat history).</summary>
        ChatMessages,

        /// <summary>Console input.</summary>
        ConsoleInput,

        /// <summary>The content of a file whose path is not a constant.</summary>
        FileContent,

        /// <summary>Content downloaded over the network (HttpClient, HttpContent, WebClient).</summary>
        NetworkContent,

        /// <summary>A value read from a database (Entity Framework Core, ADO.NET, Dapper).</summary>
        Database,

        /// <summary>Documents retrieved from a vector store, search index or memory (RAG).</summary>
        RetrievedDocument,

        /// <summary>A tool's result: MCP tool calls and resources, function-result messages, a call that invokes tools automatically.</summary>
        ToolResult,

        /// <summary>A model's output (only reported by rules that do not follow a response back to its prompt).</summary>
        ModelOutput,

        /// <summary>The result of a method listed in <c>shiftleft.untrusted_source_methods</c>.</summary>
        Configured,

        /// <summary>A value the analysis cannot follow (the result of a call into code it cannot see).</summary>
        Unknown,

        /// <summary>
        /// A credential (found only by the secret flow, SL0009): a credential-shaped constant, or a configuration,
        /// environment or secret-store read under a secret's name.
        /// </summary>
        Secret,

        /// <summary>Options bound from configuration (secret flow only): a property of them named for a secret is a <see cref="Secret"/>.</summary>
        BoundConfiguration,
    }
}
