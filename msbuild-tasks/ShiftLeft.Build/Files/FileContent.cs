namespace ShiftLeft.Build.Files;

/// <summary>Reads a resolved regular file with its size checked before anything is read, and never more than the limit.</summary>
internal static class FileContent
{
    /// <summary>The file's bytes, or null with a clause saying why they cannot be had.</summary>
    public static byte[]? Read(string realPath, long maxBytes, out string? problem)
    {
        try
        {
            var length = new FileInfo(realPath).Length;
            if (length > maxBytes)
            {
                problem = $"it is {length:N0} bytes, above the {maxBytes:N0}-byte limit for this kind of file";
                return null;
            }

            using var stream = new FileStream(realPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            // The size was checked, but a file can grow between the check and the read: read one byte past the limit at most.
            var buffer = new byte[Math.Min(length, maxBytes) + 1];
            var total = 0;
            int read;
            while ((read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
                if (total == buffer.Length)
                {
                    if (total > maxBytes)
                    {
                        problem = $"it grew past the {maxBytes:N0}-byte limit for this kind of file while it was read";
                        return null;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
                }
            }

            problem = null;
            return total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = "it cannot be read: " + ex.Message.TrimEnd('.');
            return null;
        }
    }
}
