using System.Collections.Immutable;
using System.Linq;

namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// The outside origins of a value: empty when it is built only from constants, embedded resources, configuration and
    /// files at constant paths. Immutable; at most <see cref="MaxSources"/> distinct sources are kept (a message names
    /// one, a rule filters by kind), so a value built from a long list of inputs costs no more to follow than a short one.
    /// </summary>
    internal readonly struct UntrustedSources
    {
        public const int MaxSources = 4;

        public static readonly UntrustedSources None = new(ImmutableArray<UntrustedSource>.Empty);

        private UntrustedSources(ImmutableArray<UntrustedSource> all) => All = all;

        public ImmutableArray<UntrustedSource> All { get; }

        public bool IsEmpty => All.IsDefaultOrEmpty;

        /// <summary>Enough sources to name and classify the value: further unions add nothing.</summary>
        public bool IsFull => !All.IsDefault && All.Length >= MaxSources;

        /// <summary>The source a message names: the most specific, the first found among equals.</summary>
        public UntrustedSource? Primary
        {
            get
            {
                UntrustedSource? best = null;
                foreach (var source in All.IsDefault ? ImmutableArray<UntrustedSource>.Empty : All)
                {
                    if (best is null || source.Specificity > best.Specificity)
                    {
                        best = source;
                    }
                }

                return best;
            }
        }

        public static UntrustedSources From(UntrustedSource source) => new(ImmutableArray.Create(source));

        public UntrustedSources Union(UntrustedSources other)
        {
            if (other.IsEmpty || IsFull)
            {
                return this;
            }

            if (IsEmpty)
            {
                return other;
            }

            var builder = All.ToBuilder();
            foreach (var source in other.All)
            {
                if (builder.Count >= MaxSources)
                {
                    break;
                }

                if (!builder.Contains(source))
                {
                    builder.Add(source);
                }
            }

            return builder.Count == All.Length ? this : new UntrustedSources(builder.ToImmutable());
        }

        /// <summary>Whether any source is of one of <paramref name="kinds"/>.</summary>
        public bool Any(params UntrustedSourceKind[] kinds) => !IsEmpty && All.Any(source => kinds.Contains(source.Kind));
    }
}
