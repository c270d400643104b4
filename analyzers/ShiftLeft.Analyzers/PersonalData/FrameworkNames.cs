using System;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>
    /// The names (namespaces and assemblies) of .NET's and Microsoft's libraries: they name code, not people, so their
    /// types are never named for a person and, ASP.NET Core Identity's user type aside, declare no personal data.
    /// </summary>
    internal static class FrameworkNames
    {
        public static bool Contains(string name) =>
            name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal) || name is "mscorlib" or "netstandard";
    }
}
