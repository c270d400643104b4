// Usage: shiftLeft.Texts.Of(tree).IndexOf("AddChatClient", StringComparison.Ordinal)
// Each file's text as one string, made once per compilation. The whole-compilation scans (DI registrations, tool
// factories, a member's writes) decide by an ordinal search of the text which files or declarations are worth a syntax
// walk and binding; turning a syntax node back into text costs far more than the search (on the Semantic Kernel
// Concepts samples a member's writes spent most of SL0002's time printing its type's declaration).
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal sealed class SourceTexts
    {
        private readonly ConcurrentDictionary<SyntaxTree, string> _texts = new();

        public string Of(SyntaxTree tree) => _texts.GetOrAdd(tree, t => t.GetText().ToString());
    }
}
