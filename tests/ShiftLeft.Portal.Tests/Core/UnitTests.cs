using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Tests.Core;

public sealed class FingerprintTests
{
    [Fact]
    public void Same_rule_path_and_context_give_the_same_fingerprint_whatever_the_line()
    {
        var a = new Fingerprints().Compute("SL0003", "src/A.cs", null, "Personal data 'email' is written to a log");
        var b = new Fingerprints().Compute("SL0003", "src/A.cs", null, "Personal  data 'email'\nis written to a log");
        Assert.Equal(a, b);
        Assert.NotEqual(a, new Fingerprints().Compute("SL0004", "src/A.cs", null, "Personal data 'email' is written to a log"));
        Assert.NotEqual(a, new Fingerprints().Compute("SL0003", "src/B.cs", null, "Personal data 'email' is written to a log"));
        Assert.NotEqual(a, new Fingerprints().Compute("SL0003", "src/A.cs", null, "Personal data 'phone' is written to a log"));
    }

    [Fact]
    public void An_identity_key_alone_decides_whatever_the_path_message_or_snippet()
    {
        const string key = "SL0002|Assistant|M:Contoso.Assistant.AnswerAsync(System.String)|be6e9c463d5f7a50";
        var a = new Fingerprints().Compute("SL0002", "src/A.cs", "client.GetResponseAsync(question)", "Model call sends the parameter 'question'", key);
        Assert.Equal(a, new Fingerprints().Compute("SL0002", "src/Moved.cs", null, "Reworded message", key));
        Assert.NotEqual(a, new Fingerprints().Compute("SL0001", "src/A.cs", null, "m", key));
        Assert.NotEqual(a, new Fingerprints().Compute("SL0002", "src/A.cs", null, "m", key.Replace("be6e", "0000", StringComparison.Ordinal)));
        Assert.NotEqual(a, new Fingerprints().Compute("SL0002", "src/A.cs", "client.GetResponseAsync(question)", "Model call sends the parameter 'question'"));
    }

    [Fact]
    public void Numbers_in_messages_do_not_break_matching_but_snippets_are_taken_as_written()
    {
        Assert.Equal(new Fingerprints().Compute("CA1502", "A.cs", null, "Method has 37 branches"), new Fingerprints().Compute("CA1502", "A.cs", null, "Method has 41 branches"));
        Assert.NotEqual(new Fingerprints().Compute("R", "A.cs", "var x = 1;", "m"), new Fingerprints().Compute("R", "A.cs", "var x = 2;", "m"));
        Assert.Equal(new Fingerprints().Compute("R", "A.cs", "  var x = 1;  ", "m1"), new Fingerprints().Compute("R", "A.cs", "var   x = 1;", "m2"));
    }

    [Fact]
    public void Identical_findings_in_one_file_get_distinct_stable_fingerprints_by_occurrence()
    {
        var run1 = new Fingerprints();
        var first = run1.Compute("CS8602", "A.cs", null, "Dereference of a possibly null reference.");
        var second = run1.Compute("CS8602", "A.cs", null, "Dereference of a possibly null reference.");
        Assert.NotEqual(first, second);
        var run2 = new Fingerprints();
        Assert.Equal(first, run2.Compute("CS8602", "A.cs", null, "Dereference of a possibly null reference."));
        Assert.Equal(second, run2.Compute("CS8602", "A.cs", null, "Dereference of a possibly null reference."));
        Assert.Matches("^[0-9a-f]{32}$", first.ToHex());
        Assert.True(FingerprintKey.TryParse(first.ToHex(), out var parsed) && parsed == first);
    }
}

public sealed class RedactionTests
{
    [Theory]
    [InlineData("Contact jane.doe@contoso.com now", "Contact [email] now")]
    [InlineData("Card 4111 1111 1111 1111 was charged", "Card [card-number] was charged")]
    [InlineData("Call +1 (415) 555-0100 today", "Call [phone] today")]
    [InlineData("Call 030 1234 5678", "Call [phone]")]
    [InlineData("From 192.168.10.24 port", "From [ip-address] port")]
    [InlineData("From 2001:db8:85a3::8a2e:370:7334 x", "From [ip-address] x")]
    [InlineData("SSN 123-45-6789 on file", "SSN [ssn] on file")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 used", "IBAN [iban] used")]
    public void Personal_data_is_replaced_by_a_typed_marker(string input, string expected) => Assert.Equal(expected, PersonalDataRedactor.Redact(input));

    [Theory]
    [InlineData("Dereference of a possibly null reference.")]
    [InlineData("Method 'Run' has 37 branches; CS8602 at line 120")]
    [InlineData("Version 10.0.15 of Microsoft.Extensions.AI")]
    [InlineData("Card-like 4111 1111 1111 1112 fails Luhn")]
    [InlineData("Call prompt.Trim() on value")]
    public void Ordinary_diagnostic_text_is_left_alone(string input) => Assert.Equal(input, PersonalDataRedactor.Redact(input));
}

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    public void Cells_are_quoted_and_formulas_neutralised(string value, string expected) => Assert.Equal(expected, ExportService.Csv(value));
}
