using Microsoft.CodeAnalysis.CSharp;
using ShiftLeft.Analyzers.Secrets;

namespace ShiftLeft.Analyzers.Tests.Secrets;

/// <summary>
/// SL0009's trigger: a compilation whose text names no secret is not walked. Every secret source the rule finds must
/// pass it (the SecretInPrompt tests fail otherwise); ordinary AI code — cancellation tokens, token counts, token
/// credentials, the key a dictionary groups by — must not, or the trigger saves nothing.
/// </summary>
public sealed class SecretSourceTextTests
{
    [Theory]
    [InlineData("var key = config[\"OpenAI:ApiKey\"];")]
    [InlineData("var key = config.GetValue<string>(\"AzureAd:ClientSecret\");")]
    [InlineData("var key = config.GetSection(\"Db\")[\"Password\"];")]
    [InlineData("var key = Environment.GetEnvironmentVariable(\"OPENAI_API_KEY\");")]
    [InlineData("var key = Environment.GetEnvironmentVariable(\"github-token\");")]
    [InlineData("var key = config[$\"{provider}:SubscriptionKey\"];")]
    [InlineData("var orders = config.GetConnectionString(\"Orders\");")]
    [InlineData("var secret = await vault.GetSecretAsync(\"partner-integration\");")]
    [InlineData("var key = settings.Token;")]
    [InlineData("var text = \"the key is sk-\" + body;")]
    [InlineData("var text = \"AKIA\" + body;")]
    [InlineData("var text = \"Server=db;Password=\" + body;")]
    [InlineData("var text = \"-----BEGIN \" + body;")]
    [InlineData("var text = \"eyJ\" + body;")]
    [InlineData("CancellationToken cancellationToken = default; var key = config[nameof(cancellationToken)];")]
    [InlineData("CancellationToken cancellationToken = default; var key = options.Get<Settings>().CancellationToken;")]
    public void Text_a_secret_source_needs_passes(string statement) =>
        Assert.True(SecretSourceText.AnyIn(Compile("class C { async void M() { " + statement + " } }")));

    [Theory]
    [InlineData("await client.GetResponseAsync(prompt, cancellationToken: cancellationToken);")]
    [InlineData("var options = new ChatOptions { MaxOutputTokens = 400 }; var used = response.Usage.InputTokenCount;")]
    [InlineData("TokenCredential credential = new DefaultAzureCredential(); var endpoint = config[\"Auth:TokenEndpoint\"];")]
    [InlineData("var hash = user.PasswordHash; var name = config[\"KeyVault:SecretName\"];")]
    [InlineData("foreach (var group in customers.GroupBy(c => c.Plan)) total += group.Key.Length;")]
    [InlineData("var model = config[\"OpenAI:Model\"]; var text = result.GetValue<string>();")]
    [InlineData("var text = \"Ask the task manager\";")]
    public void Ordinary_code_does_not(string statement) =>
        Assert.False(SecretSourceText.AnyIn(Compile("class C { async void M(CancellationToken cancellationToken) { " + statement + " } }")));

    [Fact]
    public void One_file_naming_a_secret_passes_the_whole_compilation()
    {
        var compilation = CSharpCompilation.Create("Two", [
            CSharpSyntaxTree.ParseText("class Calls { void M(CancellationToken cancellationToken) { } }"),
            CSharpSyntaxTree.ParseText("class Reads { string K(IConfiguration c) => c[\"GitHub:Token\"]; }"),
        ]);

        Assert.True(SecretSourceText.AnyIn(compilation));
        Assert.False(SecretSourceText.AnyIn(compilation.RemoveSyntaxTrees(compilation.SyntaxTrees[1])));
    }

    private static CSharpCompilation Compile(string source) => CSharpCompilation.Create("Probe", [CSharpSyntaxTree.ParseText(source)]);
}
