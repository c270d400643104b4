namespace ShiftLeft.Analyzers.OutputHandling
{
    /// <summary>What a dangerous sink does with the text it is given (SL0007): each kind has its own weakness and sanitisers.</summary>
    internal enum OutputSinkKind
    {
        /// <summary>Runs the text as SQL (CWE-89).</summary>
        Sql,

        /// <summary>Starts a process named or argued by the text (CWE-78).</summary>
        Process,

        /// <summary>Renders the text as markup, unencoded (CWE-79).</summary>
        Html,

        /// <summary>Compiles, runs or loads the code, assembly or type the text names (CWE-94).</summary>
        Code,

        /// <summary>Opens, writes or deletes the file or directory the text names (CWE-22).</summary>
        Path,

        /// <summary>Sends the browser to the address the text holds (CWE-601).</summary>
        Redirect,

        /// <summary>Deserialises the text with the types it names (CWE-502).</summary>
        Deserialization,
    }
}
