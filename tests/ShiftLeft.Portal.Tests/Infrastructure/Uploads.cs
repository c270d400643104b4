using System.Net.Http.Headers;

namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>Builds POST /api/v1/runs requests the way a CI step would.</summary>
public static class Uploads
{
    public static string Query(string repository, string commit, string branch = "main", string? buildId = null) =>
        $"/api/v1/runs?repository={Uri.EscapeDataString(repository)}&commit={Uri.EscapeDataString(commit)}&branch={Uri.EscapeDataString(branch)}&buildId={Uri.EscapeDataString(buildId ?? commit + "-b")}";

    public static HttpContent Json(byte[] body, string contentType = "application/sarif+json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    public static MultipartFormDataContent Multipart(string repository, string commit, byte[]? sarif, byte[]? evidence = null, string branch = "main", string? buildId = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(repository), "repository" },
            { new StringContent(commit), "commit" },
            { new StringContent(branch), "branch" },
            { new StringContent(buildId ?? commit + "-b"), "buildId" },
        };
        if (sarif is not null) form.Add(new ByteArrayContent(sarif), "sarif", "build.sarif");
        if (evidence is not null) form.Add(new ByteArrayContent(evidence), "evidence", "shiftleft-evidence.json");
        return form;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }
}
