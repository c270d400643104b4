using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// Library plugins whose functions return only what their arguments, the clock or arithmetic make: Semantic Kernel's
    /// core TimePlugin, MathPlugin, TextPlugin and WaitPlugin, and the web plugin that only builds search URLs. Any other
    /// library tool (HttpPlugin, FileIOPlugin, the web-search and document plugins, anything unlisted) is code the
    /// analysis cannot see, so its result counts as outside data.
    /// </summary>
    internal static class LibraryTools
    {
        private static readonly string[] Pure =
        {
            "Microsoft.SemanticKernel.Plugins.Core.TimePlugin",
            "Microsoft.SemanticKernel.Plugins.Core.MathPlugin",
            "Microsoft.SemanticKernel.Plugins.Core.TextPlugin",
            "Microsoft.SemanticKernel.Plugins.Core.WaitPlugin",
            "Microsoft.SemanticKernel.Plugins.Web.SearchUrlPlugin",
        };

        public static bool ReturnsOnlyItsArguments(IMethodSymbol method) => System.Array.IndexOf(Pure, TypeNames.FullName(method.ContainingType)) >= 0;
    }
}
