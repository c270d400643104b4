using System.Collections.Generic;
using System.Collections.Immutable;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// The tools a model call lets the model invoke automatically: those traced to their code, and why the rest could not
    /// be (a tools list or kernel handed in from elsewhere). Empty and fully traced when the call exposes none.
    /// </summary>
    internal sealed class ExposedTools
    {
        public ExposedTools(ImmutableArray<ExposedTool> tools, ImmutableArray<string> untraced)
        {
            Tools = tools;
            Untraced = untraced;
        }

        public ImmutableArray<ExposedTool> Tools { get; }

        /// <summary>Why some tools could not be traced, each a phrase ("the kernel is a parameter"); empty when every tool is known.</summary>
        public ImmutableArray<string> Untraced { get; }

        public bool IsFullyTraced => Untraced.IsEmpty;

        /// <summary>Collects the tools of one question, each tool and reason once.</summary>
        internal sealed class Builder
        {
            private readonly List<ExposedTool> _tools = new();
            private readonly List<string> _untraced = new();
            private readonly HashSet<object> _seen = new();

            public void Add(ExposedTool tool)
            {
                if (_seen.Add((object?)tool.Method ?? (object?)tool.Lambda ?? tool.Name))
                {
                    _tools.Add(tool);
                }
            }

            public void Untraceable(string why)
            {
                if (!_untraced.Contains(why))
                {
                    _untraced.Add(why);
                }
            }

            public ExposedTools ToTools() => new(_tools.ToImmutableArray(), _untraced.ToImmutableArray());
        }
    }
}
