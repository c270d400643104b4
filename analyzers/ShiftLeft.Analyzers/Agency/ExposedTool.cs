using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Agency
{
    /// <summary>One tool a model may call, as exposed at one place: the expression reported, its name, and what runs.</summary>
    internal readonly struct ExposedTool
    {
        public ExposedTool(SyntaxNode reported, string name, IMethodSymbol? method, IOperation? lambdaBody, ISymbol? declaration)
        {
            Reported = reported;
            Name = name;
            Method = method;
            LambdaBody = lambdaBody;
            Declaration = declaration;
        }

        /// <summary>The expression that exposes the tool to automatic invocation (the tools-list element, the plugin import call).</summary>
        public SyntaxNode Reported { get; }

        /// <summary>The name the model sees (the declared tool name, else the method's).</summary>
        public string Name { get; }

        /// <summary>The method that runs, when the tool is a method.</summary>
        public IMethodSymbol? Method { get; }

        /// <summary>The body that runs, when the tool is a lambda.</summary>
        public IOperation? LambdaBody { get; }

        /// <summary>What may carry [AllowAutoInvoke]: the method or the lambda.</summary>
        public ISymbol? Declaration { get; }
    }
}
