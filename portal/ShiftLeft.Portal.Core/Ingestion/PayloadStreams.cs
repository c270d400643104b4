using System.IO.Compression;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>Opens an uploaded part: gzip detected by its magic bytes (whatever the headers say), size-limited after decompression.</summary>
internal static class PayloadStreams
{
    public static Stream Open(Stream raw, long limit, string what)
    {
        var head = new byte[2];
        var n = raw.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        Stream rest = new PrefixedStream(head.AsMemory(0, n), raw);
        if (n == 2 && head[0] == 0x1f && head[1] == 0x8b) rest = new GZipStream(rest, CompressionMode.Decompress);
        return new LimitedStream(rest, limit, what);
    }

    /// <summary>Bytes already read, then the rest of the inner stream (which stays open: the caller may rewind it to retry).</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : ForwardReadStream(inner, ownsInner: false)
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.IsEmpty) return Inner.Read(buffer);
            var n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
            return n;
        }
    }

    /// <summary>Throws <see cref="IngestionException"/> (413) once more than the limit has been read (decompression bombs included).</summary>
    private sealed class LimitedStream(Stream inner, long limit, string what) : ForwardReadStream(inner)
    {
        private long _read;

        public override int Read(Span<byte> buffer)
        {
            var n = Inner.Read(buffer);
            _read += n;
            if (_read > limit)
                throw new IngestionException(IngestionErrorKind.TooLarge, $"The {what} is larger than {limit} bytes (after decompression), the configured limit.");
            return n;
        }
    }

    /// <summary>A read-only, forward-only wrapper.</summary>
    private abstract class ForwardReadStream(Stream inner, bool ownsInner = true) : Stream
    {
        protected Stream Inner { get; } = inner;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public abstract override int Read(Span<byte> buffer);

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && ownsInner) Inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
