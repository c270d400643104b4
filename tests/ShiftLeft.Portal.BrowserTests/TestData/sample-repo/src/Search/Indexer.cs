#nullable enable
using System;

namespace Contoso.Search;

public class Indexer
{
    public string? Name { get; set; }

    public int Length() => Name.Length;

    public void Rebuild()
    {
        int batch;
        var started = DateTime.UtcNow;
    }
}
