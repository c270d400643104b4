using System;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>One origin of outside data, with the words a message uses for it ("the request body", "the parameter 'question'").</summary>
    internal sealed class UntrustedSource : IEquatable<UntrustedSource>
    {
        private UntrustedSource(UntrustedSourceKind kind, string description, IParameterSymbol? placeholder)
        {
            Kind = kind;
            Description = description;
            Placeholder = placeholder;
        }

        public UntrustedSourceKind Kind { get; }

        /// <summary>How a message names the source: a noun phrase with its article ("console input", "the parameter 'q'").</summary>
        public string Description { get; }

        /// <summary>
        /// In a method's summary, a parameter of that method: replaced by what each caller passes. Never present in an
        /// answer about the member being analysed.
        /// </summary>
        public IParameterSymbol? Placeholder { get; }

        public static UntrustedSource Of(UntrustedSourceKind kind, string description) => new(kind, description, null);

        public static UntrustedSource ForPlaceholder(IParameterSymbol parameter) => new(UntrustedSourceKind.Parameter, "the parameter '" + parameter.Name + "'", parameter);

        /// <summary>How specific the source is: a message names the most specific one (request data before a bare parameter before an unknown value).</summary>
        public int Specificity => Kind switch
        {
            UntrustedSourceKind.Unknown => 0,
            UntrustedSourceKind.Parameter => 1,
            UntrustedSourceKind.Configured => 2,
            _ => 3,
        };

        public bool Equals(UntrustedSource? other) =>
            other is not null && Kind == other.Kind && string.Equals(Description, other.Description, StringComparison.Ordinal)
            && SymbolEqualityComparer.Default.Equals(Placeholder, other.Placeholder);

        public override bool Equals(object? obj) => Equals(obj as UntrustedSource);

        public override int GetHashCode() => (((int)Kind * 397) ^ StringComparer.Ordinal.GetHashCode(Description)) * 31 + SymbolEqualityComparer.Default.GetHashCode(Placeholder);

        public override string ToString() => Description;
    }
}
