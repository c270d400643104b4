using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>Checks repository / commit / branch / build id before anything is read or stored.</summary>
public static class IngestionMetadata
{
    /// <summary>Throws <see cref="IngestionException"/> (400, naming the field) unless every upload field is valid.</summary>
    public static void Validate(IngestionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateRepository(request.Repository);
        Require(request.Commit, "commit", 100, "the commit SHA");
        Require(request.Branch, "branch", 200, "the branch name, e.g. main");
        Require(request.BuildId, "buildId", 200, "the CI build id (uploads are idempotent on repository + commit + build id)");
        if (!request.Commit.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw Invalid("commit", $"commit '{request.Commit}' may contain only letters, digits, '-', '_' and '.'.");
    }

    /// <summary>Refuses a repository name outside <see cref="RepositoryNames"/>' grammar (the endpoint checks it before the token's scope).</summary>
    public static void ValidateRepository(string? repository)
    {
        Require(repository, "repository", RepositoryNames.MaxLength, "the repository's name, e.g. contoso/chatbot");
        if (!RepositoryNames.IsValid(repository))
            throw Invalid("repository", $"repository '{repository}' is not a valid name: use {RepositoryNames.Grammar}.");
    }

    private static IngestionException Invalid(string field, string detail) => new(IngestionErrorKind.InvalidMetadata, detail) { Field = field };

    private static void Require([System.Diagnostics.CodeAnalysis.NotNull] string? value, string name, int max, string hint)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw Invalid(name, $"'{name}' is required: {hint}.");
        if (value.Length > max)
            throw Invalid(name, $"'{name}' is longer than {max} characters.");
        if (value.Any(char.IsControl) || value != value.Trim())
            throw Invalid(name, $"'{name}' contains control characters or surrounding spaces.");
        // What a lenient decoder makes of bytes that are not UTF-8: refuse it rather than store a mangled identifier.
        if (value.Contains('\uFFFD', StringComparison.Ordinal))
            throw Invalid(name, $"'{name}' is not valid UTF-8 (it holds U+FFFD, the replacement character).");
    }
}
