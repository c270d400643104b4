namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>Checks repository / commit / branch / build id before anything is read or stored.</summary>
internal static class IngestionMetadata
{
    public static void Validate(IngestionRequest request)
    {
        Require(request.Repository, "repository", 200, "the repository's name, e.g. contoso/chatbot");
        Require(request.Commit, "commit", 100, "the commit SHA");
        Require(request.Branch, "branch", 200, "the branch name, e.g. main");
        Require(request.BuildId, "buildId", 200, "the CI build id (uploads are idempotent on repository + commit + build id)");
        if (request.Repository.Contains("..", StringComparison.Ordinal) || request.Repository.StartsWith('/') || request.Repository.EndsWith('/'))
            throw new IngestionException(IngestionErrorKind.InvalidMetadata, $"repository '{request.Repository}' is not a valid name; use owner/name.");
        if (!request.Commit.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new IngestionException(IngestionErrorKind.InvalidMetadata, $"commit '{request.Commit}' may contain only letters, digits, '-', '_' and '.'.");
    }

    private static void Require(string? value, string name, int max, string hint)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new IngestionException(IngestionErrorKind.InvalidMetadata, $"'{name}' is required: {hint}.");
        if (value.Length > max)
            throw new IngestionException(IngestionErrorKind.InvalidMetadata, $"'{name}' is longer than {max} characters.");
        if (value.Any(char.IsControl) || value != value.Trim())
            throw new IngestionException(IngestionErrorKind.InvalidMetadata, $"'{name}' contains control characters or surrounding spaces.");
    }
}
