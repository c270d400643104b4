namespace ShiftLeft.Analyzers.Untrusted
{
    /// <summary>
    /// The sources an attacker controls directly: every kind except a plain parameter the analysis could not follow, a
    /// value it cannot see into, and model output. Rules that report on attacker-controlled data only (SL0006) name
    /// the first such source and stay quiet on the rest, where SL0002 treats every outside origin as a finding.
    /// </summary>
    internal static class AttackerControlled
    {
        public static bool Is(UntrustedSourceKind kind) => kind is not (UntrustedSourceKind.Parameter or UntrustedSourceKind.Unknown or UntrustedSourceKind.ModelOutput);

        /// <summary>The first attacker-controlled source of <paramref name="sources"/>, or null.</summary>
        public static UntrustedSource? FirstOf(UntrustedSources sources)
        {
            if (sources.IsEmpty)
            {
                return null;
            }

            foreach (var source in sources.All)
            {
                if (Is(source.Kind))
                {
                    return source;
                }
            }

            return null;
        }
    }
}
