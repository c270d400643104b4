// Usage: foreach (var tree in TreesNaming.In(compilation, method.Name)) { ...bind only this file's nodes... }
// Compilation-wide searches (a method's callers, where a filter or a kernel is registered) look for a name in each
// file's text first, ordinally, and bind only the files that write it: binding is what costs, and most files never
// name what is looked for.
using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class TreesNaming
    {
        public static IEnumerable<SyntaxTree> In(Compilation compilation, string name)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetText().ToString().IndexOf(name, StringComparison.Ordinal) >= 0)
                {
                    yield return tree;
                }
            }
        }
    }
}
