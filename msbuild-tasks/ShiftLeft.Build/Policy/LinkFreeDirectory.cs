using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace ShiftLeft.Build.Policy;

/// <summary>
/// A folder as the glob matcher sees it: symbolic links to folders are not entered (a link to '..' would make '**'
/// walk forever, a link to '/' would walk the machine), and a folder that cannot be listed is empty rather than an
/// exception. Links to files are listed; the files themselves are checked when read.
/// </summary>
internal sealed class LinkFreeDirectory(DirectoryInfo directory) : DirectoryInfoBase
{
    public override string Name => directory.Name;

    public override string FullName => directory.FullName;

    public override DirectoryInfoBase? ParentDirectory => directory.Parent is { } parent ? new LinkFreeDirectory(parent) : null;

    public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
    {
        List<FileSystemInfo> entries;
        try
        {
            entries = directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false }).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            yield break;
        }

        foreach (var entry in entries)
        {
            if (entry is DirectoryInfo folder)
            {
                if (folder.LinkTarget is null)
                {
                    yield return new LinkFreeDirectory(folder);
                }
            }
            else if (entry is FileInfo file)
            {
                yield return new FileInfoWrapper(file);
            }
        }
    }

    public override DirectoryInfoBase? GetDirectory(string path)
    {
        var child = new DirectoryInfo(Path.Combine(directory.FullName, path));
        return child.Exists && child.LinkTarget is null ? new LinkFreeDirectory(child) : null;
    }

    public override FileInfoBase? GetFile(string path) => new FileInfoWrapper(new FileInfo(Path.Combine(directory.FullName, path)));
}
