using System.IO.Compression;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Ingestion;

namespace ShiftLeft.Portal.Api;

/// <summary>
/// Receives an upload onto local temp files before the database transaction starts, so a slow client never holds the
/// write lock. Accepts multipart/form-data (fields repository, commit, branch, buildId, sourceRoot; file parts
/// <c>sarif</c> (repeatable) and <c>evidence</c> (repeatable)) or a raw JSON body (a SARIF log, or an evidence report
/// with <c>?type=evidence</c>) with the fields in the query string. Gzip is accepted on parts and bodies.
/// </summary>
internal sealed class UploadSpool : IAsyncDisposable
{
    private const int MaxFieldBytes = 4096;
    private static readonly string[] MetadataFields = ["repository", "commit", "branch", "buildId", "sourceRoot"];
    private readonly List<FileStream> _files = [];
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    public List<Stream> Sarif { get; } = [];
    public List<Stream> Evidence { get; } = [];

    public string? Field(string name) => _fields.GetValueOrDefault(name);

    public static async Task<UploadSpool> ReceiveAsync(HttpRequest request, IngestionOptions limits, CancellationToken cancellationToken)
    {
        var spool = new UploadSpool();
        try
        {
            foreach (var name in MetadataFields)
            {
                if (!request.Query.TryGetValue(name, out var value)) continue;
                if (value.Count > 1) throw GivenTwice(name);
                if (!string.IsNullOrEmpty(value)) spool._fields[name] = value.ToString();
            }

            var body = request.Body;
            if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase) && IsMultipart(request.ContentType))
                body = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
            if (IsMultipart(request.ContentType)) await spool.ReadMultipartAsync(request, body, limits, cancellationToken).ConfigureAwait(false);
            else await spool.ReadRawAsync(request, body, limits, cancellationToken).ConfigureAwait(false);
            return spool;
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ReadRawAsync(HttpRequest request, Stream body, IngestionOptions limits, CancellationToken cancellationToken)
    {
        var type = request.Query["type"].ToString();
        var target = type switch
        {
            "" or "sarif" => Sarif,
            "evidence" => Evidence,
            _ => throw new IngestionException(IngestionErrorKind.InvalidMetadata, $"Unknown upload type '{type}'; use type=sarif (default) or type=evidence."),
        };
        target.Add(await SpoolAsync(body, limits, cancellationToken).ConfigureAwait(false));
    }

    private async Task ReadMultipartAsync(HttpRequest request, Stream body, IngestionOptions limits, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new IngestionException(IngestionErrorKind.InvalidMetadata, "The multipart body has no boundary.");
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null, HeadersLengthLimit = 16 * 1024 };
        var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    throw new IngestionException(IngestionErrorKind.InvalidMetadata, "Every multipart section needs 'Content-Disposition: form-data; name=…'.");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name.Equals("sarif", StringComparison.OrdinalIgnoreCase)) Sarif.Add(await SpoolAsync(section.Body, limits, cancellationToken).ConfigureAwait(false));
                else if (name.Equals("evidence", StringComparison.OrdinalIgnoreCase)) Evidence.Add(await SpoolAsync(section.Body, limits, cancellationToken).ConfigureAwait(false));
                else if (MetadataFields.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    // One value per field: a second one (as a part or in the query string) is ambiguous, never silently picked.
                    if (!given.Add(name) || request.Query.ContainsKey(name)) throw GivenTwice(name);
                    _fields[name] = await ReadFieldAsync(section.Body, name, cancellationToken).ConfigureAwait(false);
                }
                else throw new IngestionException(IngestionErrorKind.InvalidMetadata, $"Unknown multipart part '{name}'; expected sarif, evidence, {string.Join(", ", MetadataFields)}.");
            }
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            // The reader's "Unexpected end of Stream" (a body cut short) and malformed boundaries or headers; Kestrel's own
            // request errors (BadHttpRequestException, e.g. the size limit) keep their meaning.
            throw new IngestionException(IngestionErrorKind.InvalidMetadata,
                $"The multipart body ends early or is malformed (truncated upload?): {ex.Message} Send the whole body, each part closed by its boundary.");
        }
    }

    private static IngestionException GivenTwice(string name) =>
        new(IngestionErrorKind.InvalidMetadata, $"The field '{name}' is given twice; send it once, as one multipart part or in the query string.") { Field = name };

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > MaxFieldBytes) throw new IngestionException(IngestionErrorKind.InvalidMetadata, $"The field '{name}' is longer than {MaxFieldBytes} bytes.") { Field = name };
        }

        try
        {
            return StrictUtf8.GetString(buffer, 0, total);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new IngestionException(IngestionErrorKind.InvalidMetadata, $"The field '{name}' is not valid UTF-8.") { Field = name };
        }
    }

    /// <summary>Throws on invalid bytes instead of replacing them: a mangled repository or branch name must not be stored.</summary>
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private async Task<Stream> SpoolAsync(Stream source, IngestionOptions limits, CancellationToken cancellationToken)
    {
        var file = SpoolFiles.Create(limits, "upload");
        _files.Add(file);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > limits.MaxUploadBytes)
                throw new IngestionException(IngestionErrorKind.TooLarge, $"The upload is larger than {limits.MaxUploadBytes} bytes, the configured limit (Portal:Ingestion:MaxUploadBytes).");
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Position = 0;
        return file;
    }

    private static bool IsMultipart(string? contentType) =>
        contentType is not null && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _files) await file.DisposeAsync().ConfigureAwait(false);
    }
}
