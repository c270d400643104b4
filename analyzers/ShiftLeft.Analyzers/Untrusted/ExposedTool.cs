using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// One tool a model call exposes to the model (see <see cref="ToolInvocation.ExposedBy"/>): a method (of the compilation or of a
    /// library), a lambda, a prompt function, or a tool whose code runs elsewhere (an MCP server's, an OpenAPI plugin's).
    /// </summary>
    internal sealed class ExposedTool
    {
        private ExposedTool(string name, IMethodSymbol? method, IAnonymousFunctionOperation? lambda, MemberFacts? lambdaFacts, UntrustedSource? remote)
        {
            Name = name;
            Method = method;
            Lambda = lambda;
            LambdaFacts = lambdaFacts;
            Remote = remote;
        }

        /// <summary>The name the model calls it by (the function name given to the factory, else the method's name); empty for an unnamed lambda.</summary>
        public string Name { get; }

        /// <summary>How a message names the tool: "tool 'GetWeather'", "a tool made from a lambda", or a remote tool's own phrase ("the MCP server's tools").</summary>
        public string Noun => Remote is not null ? Name : Name.Length == 0 ? "a tool made from a lambda" : "tool '" + Name + "'";

        /// <summary>The method the tool runs, when it is one (its body may be in a library).</summary>
        public IMethodSymbol? Method { get; }

        /// <summary>The lambda the tool runs, when it was made from one; <see cref="LambdaFacts"/> describe its member.</summary>
        public IAnonymousFunctionOperation? Lambda { get; }

        public MemberFacts? LambdaFacts { get; }

        /// <summary>What the tool returns when its code runs outside the program (an MCP server, a remote API): outside data.</summary>
        public UntrustedSource? Remote { get; }

        /// <summary>A prompt function exposed as a tool: neither method, lambda nor remote (its result is a model's answer to its own template).</summary>
        public bool IsPromptFunction => Method is null && Lambda is null && Remote is null;

        public static ExposedTool OfMethod(string name, IMethodSymbol method) => new(name, method.OriginalDefinition, null, null, null);

        public static ExposedTool OfLambda(string name, IAnonymousFunctionOperation lambda, MemberFacts facts) => new(name, null, lambda, facts, null);

        public static ExposedTool OfRemote(string name, UntrustedSource returns) => new(name, null, null, null, returns);

        public static ExposedTool OfPromptFunction(string name) => new(name, null, null, null, null);
    }
}
