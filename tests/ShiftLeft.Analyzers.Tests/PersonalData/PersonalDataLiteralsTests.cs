using ShiftLeft.Analyzers.PersonalData;

namespace ShiftLeft.Analyzers.Tests.PersonalData;

public class PersonalDataLiteralsTests
{
    [Theory]
    [InlineData("jane.doe@contoso-mail.com", "an e-mail address")]
    [InlineData("Write to jane.doe+billing@fabrikam.co.uk today", "an e-mail address")]
    [InlineData("4556 7375 8689 9855", "a payment card number")]
    [InlineData("card: 5500-0000-0000-0004", "a payment card number")]
    [InlineData("DE89 3704 0044 0532 0130 00", "an IBAN")]
    [InlineData("GB82WEST12345698765432", "an IBAN")]
    [InlineData("SSN 123-45-6789", "a social security number")]
    [InlineData("Call +44 20 7946 0958", "a phone number")]
    [InlineData("+1 (425) 555-0100", "a phone number")]
    public void Personal_literals_are_recognised(string text, string expected) =>
        Assert.Equal(expected, PersonalDataLiterals.Describe(text));

    [Theory]
    [InlineData("user@example.com")]
    [InlineData("noreply@mail.example.org")]
    [InlineData("{0}@{1}")]
    [InlineData("Prompt: {Prompt}")]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("0000000000000000")]
    [InlineData("1234567890123")]
    [InlineData("DE89 3704 0044 0532 0130 01")]
    [InlineData("000-12-3456")]
    [InlineData("2026-11-27T02:45:00Z")]
    [InlineData("Order 12345678 shipped")]
    [InlineData("version 10.0.12")]
    [InlineData("")]
    public void Ordinary_literals_are_not_personal(string text) =>
        Assert.Null(PersonalDataLiterals.Describe(text));

    [Fact]
    public void Checksums_are_computed_correctly()
    {
        Assert.False(PersonalDataLiterals.PassesLuhn("4012888888881882"));
        Assert.True(PersonalDataLiterals.PassesLuhn("4012888888881881"));
        Assert.True(PersonalDataLiterals.PassesIbanChecksum("NL91ABNA0417164300"));
        Assert.False(PersonalDataLiterals.PassesIbanChecksum("NL91ABNA0417164301"));
    }
}
