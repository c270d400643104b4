using System.Reflection;
using System.Xml.Linq;

namespace ShiftLeft.Build.Gate;

/// <summary>
/// The version of ShiftLeft.Build that ran, for the report's tool.version: the version of the package the task
/// assembly was restored from — read from the .nuspec NuGet extracts beside tasks/ — because a package may be packed
/// with another version than its assembly was built with (dotnet pack -p:PackageVersion=…). Outside a package (tests,
/// tools referencing the project) it is the assembly's informational version.
/// </summary>
internal static class ToolVersion
{
    public static string Of(Assembly assembly) => FromPackage(assembly.Location) ?? Informational(assembly);

    private static string? FromPackage(string assemblyPath)
    {
        try
        {
            // <package root>/tasks/<tfm>/ShiftLeft.Build.dll
            var tfm = Path.GetDirectoryName(assemblyPath);
            var tasks = tfm is null ? null : Path.GetDirectoryName(tfm);
            if (tasks is null || !string.Equals(Path.GetFileName(tasks), "tasks", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var root = Path.GetDirectoryName(tasks)!;
            var nuspec = Directory.EnumerateFiles(root, "*.nuspec").FirstOrDefault();
            var version = nuspec is null ? null : XDocument.Load(nuspec).Descendants().FirstOrDefault(e => e.Name.LocalName == "version")?.Value.Trim();
            return string.IsNullOrEmpty(version) ? null : version;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Xml.XmlException or ArgumentException)
        {
            // A version is a label in the report; the gate works without it.
            return null;
        }
    }

    private static string Informational(Assembly assembly) =>
        (assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
