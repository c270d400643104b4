using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace ShiftLeft.Build.Tests.Unit.Publishing;

/// <summary>One part of a multipart/form-data body as the server receives it.</summary>
public sealed record FormPart(string Name, string? FileName, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);
}

/// <summary>Splits a multipart/form-data body (RFC 7578) into its parts; several parts may share a name.</summary>
public static partial class MultipartForm
{
    public static IReadOnlyList<FormPart> Parse(string contentType, byte[] body)
    {
        var boundary = MediaTypeHeaderValue.Parse(contentType).Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<FormPart>();
        var positions = new List<int>();
        for (var i = body.AsSpan().IndexOf(delimiter); i >= 0;)
        {
            positions.Add(i);
            var next = body.AsSpan(i + delimiter.Length).IndexOf(delimiter);
            i = next < 0 ? -1 : i + delimiter.Length + next;
        }

        for (var k = 0; k + 1 < positions.Count; k++)
        {
            var start = positions[k] + delimiter.Length + 2; // CRLF after the delimiter
            var end = positions[k + 1] - 2; // CRLF before the next one
            var segment = body.AsSpan(start, end - start);
            var headerEnd = segment.IndexOf("\r\n\r\n"u8);
            var headers = Encoding.UTF8.GetString(segment[..headerEnd]);
            var disposition = Disposition().Match(headers);
            parts.Add(new FormPart(disposition.Groups["name"].Value, disposition.Groups["file"].Success ? disposition.Groups["file"].Value : null, segment[(headerEnd + 4)..].ToArray()));
        }

        return parts;
    }

    [GeneratedRegex("""name="?(?<name>[^";\r\n]+)"?(?:; filename="?(?<file>[^";\r\n]+)"?)?""")]
    private static partial Regex Disposition();
}
