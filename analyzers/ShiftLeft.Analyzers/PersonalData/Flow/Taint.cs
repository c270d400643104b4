using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.PersonalData.Flow
{
    /// <summary>What a personal value has become on its way through a method.</summary>
    [Flags]
    internal enum TaintShape
    {
        None = 0,

        /// <summary>Part of a chat message, a message list or a prompt string handed to a model.</summary>
        Prompt = 1,

        /// <summary>A model's answer to a prompt that held personal data.</summary>
        Response = 2,
    }

    /// <summary>
    /// The abstract value of an expression that carries personal data. Immutable.
    /// <para>
    /// <see cref="Entries"/> are the expressions where the personal value ENTERED a composed value (an interpolation
    /// hole, a concatenation operand, a message constructor's argument). They are where a code fix wraps the redaction,
    /// so the original variable keeps its value for legitimate uses elsewhere. A value that was not composed yet is
    /// "raw": its entry is wherever it is finally used.
    /// </para>
    /// </summary>
    internal sealed class Taint
    {
        private const int MaxEntries = 16;

        /// <summary>The result of a redactor: known to be clean. Distinguished from "unknown" so that a variable named
        /// <c>email</c> that holds a redacted value stops being a source.</summary>
        public static readonly Taint Sanitized = new Taint(string.Empty, null, ImmutableArray<SyntaxNode>.Empty, raw: false, TaintShape.None);

        private Taint(string sourceDescription, Location? sourceLocation, ImmutableArray<SyntaxNode> entries, bool raw, TaintShape shape, bool onlyModelArguments = false)
        {
            OnlyModelArguments = onlyModelArguments;
            SourceDescription = sourceDescription;
            SourceLocation = sourceLocation;
            Entries = entries;
            IsRaw = raw;
            Shape = shape;
        }

        /// <summary>Human-readable origin for the message, e.g. <c>'customer.Email'</c> or <c>an e-mail address literal</c>.</summary>
        public string SourceDescription { get; }

        public Location? SourceLocation { get; }

        public ImmutableArray<SyntaxNode> Entries { get; }

        /// <summary>True while (some of) the value is still the personal value itself, not yet composed into another.</summary>
        public bool IsRaw { get; }

        public TaintShape Shape { get; }

        public bool IsSanitized => ReferenceEquals(this, Sanitized);

        /// <summary>
        /// Every source is an argument the model chose for the tool being analysed: returning it to the model discloses
        /// nothing the model did not have (logging it still does).
        /// </summary>
        public bool OnlyModelArguments { get; }

        /// <summary>A tool's parameter: the model chose its value.</summary>
        public static Taint ModelArgument(string description, Location location) =>
            new Taint(description, location, ImmutableArray<SyntaxNode>.Empty, raw: true, TaintShape.None, onlyModelArguments: true);

        /// <summary>A personal value at its source.</summary>
        public static Taint Source(string description, Location location) =>
            new Taint(description, location, ImmutableArray<SyntaxNode>.Empty, raw: true, TaintShape.None);

        /// <summary>True for a value that carries personal data (not clean, not sanitised).</summary>
        public static bool Carries(Taint? taint) => taint is not null && !taint.IsSanitized;

        public Taint WithShape(TaintShape shape) =>
            (Shape & shape) == shape || IsSanitized ? this : new Taint(SourceDescription, SourceLocation, Entries, IsRaw, Shape | shape, OnlyModelArguments);

        /// <summary>
        /// This value as an operand of a composition at <paramref name="operand"/>: a raw value enters there; a value
        /// composed earlier keeps the entries it already has.
        /// </summary>
        public Taint EnteringAt(SyntaxNode operand) =>
            IsRaw ? new Taint(SourceDescription, SourceLocation, AddEntry(Entries, operand), raw: false, Shape, OnlyModelArguments) : this;

        /// <summary>The least upper bound: personal data if either side is.</summary>
        public static Taint? Join(Taint? left, Taint? right)
        {
            if (!Carries(left))
                return Carries(right) ? right : (left is not null && right is not null ? Sanitized : null);
            if (!Carries(right) || ReferenceEquals(left, right))
                return left;

            var l = left!;
            var r = right!;
            var entries = l.Entries;
            foreach (var entry in r.Entries)
                entries = AddEntry(entries, entry);

            var first = Precedes(r.SourceLocation, l.SourceLocation) ? r : l;
            var joined = new Taint(first.SourceDescription, first.SourceLocation, entries, l.IsRaw || r.IsRaw, l.Shape | r.Shape, l.OnlyModelArguments && r.OnlyModelArguments);
            return joined.SameAs(l) ? l : joined;
        }

        /// <summary>Equal as far as the fixed-point iteration is concerned (joins only ever grow these).</summary>
        public bool SameAs(Taint? other) =>
            other is not null
            && (ReferenceEquals(this, other)
                || (IsSanitized == other.IsSanitized && IsRaw == other.IsRaw && Shape == other.Shape && OnlyModelArguments == other.OnlyModelArguments
                    && Entries.Length == other.Entries.Length && SourceDescription == other.SourceDescription));

        private static ImmutableArray<SyntaxNode> AddEntry(ImmutableArray<SyntaxNode> entries, SyntaxNode entry)
        {
            if (entries.Length >= MaxEntries)
                return entries;
            foreach (var existing in entries)
            {
                if (existing == entry || (existing.SyntaxTree == entry.SyntaxTree && existing.Span == entry.Span))
                    return entries;
            }

            return entries.Add(entry);
        }

        private static bool Precedes(Location? a, Location? b) =>
            a is not null && (b is null || (a.SourceTree == b.SourceTree && a.SourceSpan.Start < b.SourceSpan.Start));
    }
}
