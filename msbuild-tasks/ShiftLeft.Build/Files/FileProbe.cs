using System.Runtime.InteropServices;

namespace ShiftLeft.Build.Files;

/// <summary>What a path names, without following a final symbolic link and without opening it.</summary>
internal enum FileKind
{
    Unknown,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
}

/// <summary>
/// The file type of a path from the operating system (statx on Linux, lstat on macOS). .NET exposes no such API, and
/// the difference matters: opening a FIFO blocks until a writer appears and a device such as /dev/zero never ends,
/// so the gate must know what a path is before it opens it. Where no probe is available, <see cref="FileKind.Unknown"/>
/// is returned and the caller relies on its bounded read.
/// </summary>
internal static unsafe class FileProbe
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;

    private static readonly delegate* unmanaged<int, byte*, int, uint, byte*, int> Statx = LoadStatx();
    private static readonly delegate* unmanaged<byte*, byte*, int> MacLstat = LoadMacLstat();

    /// <summary>The kind of <paramref name="path"/>, or <see cref="FileKind.Unknown"/> when the platform cannot say.</summary>
    public static FileKind KindOf(string path)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        ushort mode;
        fixed (byte* name = utf8)
        {
            if (Statx != null)
            {
                // struct statx is 256 bytes on every Linux architecture; stx_mode is the u16 at offset 28.
                var buffer = stackalloc byte[256];
                if (Statx(AtFdCwd, name, AtSymlinkNoFollow, StatxType, buffer) != 0)
                {
                    return FileKind.Unknown;
                }

                mode = *(ushort*)(buffer + 28);
            }
            else if (MacLstat != null)
            {
                // 64-bit struct stat on macOS: dev_t st_dev (4 bytes), then mode_t st_mode (2 bytes).
                var buffer = stackalloc byte[256];
                if (MacLstat(name, buffer) != 0)
                {
                    return FileKind.Unknown;
                }

                mode = *(ushort*)(buffer + 4);
            }
            else
            {
                return FileKind.Unknown;
            }
        }

        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
    }

    private static delegate* unmanaged<int, byte*, int, uint, byte*, int> LoadStatx()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var name in new[] { "libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc" })
        {
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "statx", out var export))
            {
                return (delegate* unmanaged<int, byte*, int, uint, byte*, int>)export;
            }
        }

        return null;
    }

    private static delegate* unmanaged<byte*, byte*, int> LoadMacLstat()
    {
        if (!OperatingSystem.IsMacOS() || !NativeLibrary.TryLoad("/usr/lib/libSystem.dylib", out var library))
        {
            return null;
        }

        // x64 exports the 64-bit-inode variant under a suffixed name; arm64 has only the plain one.
        return NativeLibrary.TryGetExport(library, "lstat$INODE64", out var export) || NativeLibrary.TryGetExport(library, "lstat", out export)
            ? (delegate* unmanaged<byte*, byte*, int>)export
            : null;
    }
}
