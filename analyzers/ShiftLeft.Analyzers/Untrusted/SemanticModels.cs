// Usage: var model = models.Get(syntax.SyntaxTree);
// Semantic models of the trees one question visits, each made once.
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Untrusted
{
    internal sealed class SemanticModels
    {
        private readonly Compilation _compilation;
        private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();

        public SemanticModels(Compilation compilation) => _compilation = compilation;

        public SemanticModel Get(SyntaxTree tree)
        {
            if (!_models.TryGetValue(tree, out var model))
            {
                _models[tree] = model = _compilation.GetSemanticModel(tree);
            }

            return model;
        }
    }
}
