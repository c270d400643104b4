namespace ShiftLeft.Cli.Scanning;

/// <summary>The ShiftLeft.Analyzers and ShiftLeft.Build packages a scan injects, and their common version.</summary>
public sealed record BundledFeed(string Folder, string Version)
{
    /// <summary>
    /// The feed packed into the tool (feed/ beside it), or <paramref name="overrideFolder"/> / SHIFTLEFT_FEED (for
    /// running the tool from a build output): the newest version both packages have.
    /// </summary>
    public static BundledFeed Locate(string? overrideFolder)
    {
        var folder = Path.GetFullPath(overrideFolder ?? Environment.GetEnvironmentVariable("SHIFTLEFT_FEED") ?? Path.Combine(AppContext.BaseDirectory, "feed"));
        if (!Directory.Exists(folder))
        {
            throw new ScanUsageException($"The ShiftLeft packages are not at {folder}: reinstall the tool, or point --feed (SHIFTLEFT_FEED) at a folder holding ShiftLeft.Analyzers and ShiftLeft.Build packages.");
        }

        IEnumerable<string> Versions(string id) => Directory.GetFiles(folder, id + ".*.nupkg")
            .Select(f => Path.GetFileNameWithoutExtension(f).Substring(id.Length + 1))
            .Where(v => v.Length > 0 && char.IsAsciiDigit(v[0]));
        var common = Versions("ShiftLeft.Analyzers").Intersect(Versions("ShiftLeft.Build"), StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(v => NuGetOrder(v), StringComparer.Ordinal).ToList();
        return common.Count > 0
            ? new BundledFeed(folder, common[0])
            : throw new ScanUsageException($"{folder} holds no ShiftLeft.Analyzers and ShiftLeft.Build packages of one version.");
    }

    /// <summary>Orders 0.1.0 above 0.1.0-local.x and 0.10.0 above 0.9.0 (enough for the few versions a feed holds).</summary>
    private static string NuGetOrder(string version)
    {
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        var release = dash < 0 ? version : version.Substring(0, dash);
        var numbers = string.Concat(release.Split('.').Select(p => p.PadLeft(10, '0')));
        return numbers + (dash < 0 ? "~" : "-" + version.Substring(dash + 1));
    }
}
