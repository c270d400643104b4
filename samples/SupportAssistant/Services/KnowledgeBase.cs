using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;

namespace SupportAssistant.Services;

/// <summary>Retrieval over help-centre articles with OpenAI embeddings. Embeddings need no guardrail, but they are model calls to record.</summary>
public sealed class KnowledgeBase(EmbeddingClient embeddings, ILogger<KnowledgeBase> logger)
{
    private readonly List<(string Article, ReadOnlyMemory<float> Vector)> _index = [];

    public async Task IndexAsync(IReadOnlyList<string> articles, CancellationToken cancellationToken = default)
    {
        OpenAIEmbeddingCollection vectors = await embeddings.GenerateEmbeddingsAsync(articles, cancellationToken: cancellationToken); // expect: SL0001
        for (var i = 0; i < vectors.Count; i++)
        {
            _index.Add((articles[i], vectors[i].ToFloats()));
        }
    }

    public async Task<string?> FindAsync(string query, CancellationToken cancellationToken = default)
    {
        OpenAIEmbedding embedding = await embeddings.GenerateEmbeddingAsync(query, cancellationToken: cancellationToken);
        var vector = embedding.ToFloats();
        logger.LogDebug("Embedded a query into {Dimensions} dimensions", vector.Length);
        return _index.OrderByDescending(entry => Similarity(entry.Vector.Span, vector.Span)).Select(entry => entry.Article).FirstOrDefault();
    }

    private static float Similarity(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        var dot = 0f;
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            dot += left[i] * right[i];
        }

        return dot;
    }
}
