using ShiftLeft.Analyzers.Secrets;

namespace ShiftLeft.Analyzers.Tests.Secrets;

/// <summary>The two tests SL0009 applies to text: is a key named for a secret, and does a constant hold a credential.</summary>
public sealed class SecretShapesTests
{
    [Theory]
    [InlineData("OpenAI:ApiKey")]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("openai-api-key")]
    [InlineData("AzureAd:ClientSecret")]
    [InlineData("Stripe__SecretKey")]
    [InlineData("Db.Password")]
    [InlineData("DB_PWD")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("Auth:AccessToken")]
    [InlineData("ConnectionStrings:Default:ConnectionString")]
    [InlineData("Jwt:SigningKey")]
    [InlineData("Search:SubscriptionKey")]
    public void Keys_whose_last_segment_ends_in_a_secrets_name_are_secret(string key) => Assert.True(SecretNames.IsSecretKey(key));

    [Theory]
    [InlineData("Cosmos:PartitionKey")]
    [InlineData("Table:SortKey")]
    [InlineData("Redis:CacheKey")]
    [InlineData("OpenAI:MaxTokens")]
    [InlineData("OpenAI:MaxToken")]
    [InlineData("Auth:TokenEndpoint")]
    [InlineData("ApiKey:HeaderName")]
    [InlineData("KeyVault:SecretName")]
    [InlineData("Secrets")]
    [InlineData("OpenAI:Model")]
    [InlineData("")]
    public void Other_keys_are_not(string key) => Assert.False(SecretNames.IsSecretKey(key));

    [Theory]
    [InlineData("Ask the task-manager-for-our-team-and-everybody-else about it")]
    [InlineData("sk-1234567890abcdefABCDEF1234567890abcdef")]
    [InlineData("sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("AKIAQ3ZL7RX2MB5KT9WDX (17 characters after the prefix)")]
    [InlineData("text = text.Replace(\"-----BEGIN PRIVATE KEY-----\", \"\")")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.not-a-token.at-all")]
    [InlineData("Server=db;Password=;Database=x")]
    [InlineData("Server=db;Password={0};Database=x")]
    [InlineData("5f4dcc3b5aa765d61d8327deb882cf99")]
    public void Placeholders_and_lookalikes_are_not_credentials(string text) => Assert.Null(CredentialLiterals.Describe(text));

    [Fact]
    public void A_JWT_counts_only_when_its_header_decodes_to_JSON_naming_its_algorithm()
    {
        var payload = "." + "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSJ9" + "." + "Xq3Vb8Nm2Kp5Lr7Tz1Wc4Yd6Fh9Gj0Sa";
        Assert.Equal("a JSON Web Token literal", CredentialLiterals.Describe("Bearer " + "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + payload));
        // Base64url of {"typ":"JWT"}: JSON, but no algorithm.
        Assert.Null(CredentialLiterals.Describe("Bearer " + "eyJ0eXAiOiJKV1QifQ" + payload));
    }

    [Fact]
    public void A_key_after_many_prefixes_without_one_is_still_found_and_the_prefixes_alone_are_nothing()
    {
        var noise = string.Concat(Enumerable.Repeat("-----BEGIN CERTIFICATE----- sk- eyJ. AKIA xoxb- ghp_ Password=;", 5000));
        Assert.Null(CredentialLiterals.Describe(noise));
        var key = "sk-" + "proj-" + "Q7vX2mK9pL4nR8sT1wY6zB3cD5fG0hJ" + "aE2uI9oP4qW7eR1tY";
        Assert.Equal("an OpenAI-style API key literal", CredentialLiterals.Describe(noise + " " + key));
    }
}
