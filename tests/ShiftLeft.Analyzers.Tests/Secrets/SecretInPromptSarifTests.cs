using System.Text.Json;
using ShiftLeft.Analyzers.Tests.Verification.RealBuild;

namespace ShiftLeft.Analyzers.Tests.Secrets;

/// <summary>
/// SL0009 in a real build's SARIF (what the portal ingests): the finding is there, named by the kind of secret, and the
/// secret's value appears nowhere in the log or the build output.
/// </summary>
public sealed class SecretInPromptSarifTests(ThrowawayProject project) : IClassFixture<ThrowawayProject>
{
    // Synthetic, assembled from parts so this file holds no whole key.
    private static readonly string Key = "sk-" + "proj-" + "Hq4Wz8Lp2Xn6Rt0Vb3Ks7Md1Fg5Jc9Ye" + "Ua8Io2Pe6Rw";

    [Fact]
    public async Task The_compilers_SARIF_names_the_kind_of_secret_and_never_its_value()
    {
        var source = $$"""
            using Microsoft.Extensions.AI;

            namespace App;

            public static class Assistant
            {
                public static Task<ChatResponse> AskAsync(IChatClient client, string question) =>
                    client.GetResponseAsync($"Call the billing API with {{Key}} to answer: {question}");
            }
            """;
        var sarif = Path.Combine(project.Folder, "findings.sarif");
        // SL0009 as a suggestion keeps the -warnaserror build green; the compiler still writes it to the log.
        const string editorConfig = """
            dotnet_diagnostic.SL0009.severity = suggestion
            dotnet_diagnostic.SL0001.severity = none
            dotnet_diagnostic.SL0002.severity = none
            dotnet_diagnostic.SL0010.severity = none
            """;
        var output = await project.BuildAsync(ThrowawayProject.Files(("Assistant.cs", source)), editorConfig, $"ErrorLog={sarif}%2Cversion=2.1");

        var log = File.ReadAllText(sarif);
        using var document = JsonDocument.Parse(log);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(result => result.GetProperty("ruleId").GetString() == "SL0009")
            .Select(result => result.GetProperty("message").GetProperty("text").GetString())
            .ToList();
        var message = Assert.Single(results);
        Assert.Contains("an OpenAI-style API key literal", message, StringComparison.Ordinal);
        foreach (var text in new[] { log, output })
        {
            // Neither the key nor any 12 characters of its random body.
            Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
            for (var start = 8; start + 12 <= Key.Length; start++)
            {
                Assert.DoesNotContain(Key.Substring(start, 12), text, StringComparison.Ordinal);
            }
        }
    }
}
