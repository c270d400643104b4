using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SupportAssistant.Compliance;
using SupportAssistant.Safety;

namespace SupportAssistant.Privacy;

/// <summary>Marks a member that holds personal data. ShiftLeft recognises it by its simple name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PersonalDataAttribute : Attribute
{
}

/// <summary>Marks a method that returns a redacted form of its input. ShiftLeft recognises it by its simple name.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedactorAttribute : Attribute
{
}

/// <summary>A customer as the billing system hands it out: some members are personal data, some only mention it.</summary>
public sealed record CustomerAccount(string Id, string FullName, string Email, string PhoneNumber, bool IsEmailConfirmed, string EmailTemplateId)
{
    [PersonalData]
    public string? LoyaltyCard { get; init; }
}

/// <summary>The application's redactors.</summary>
public static class Mask
{
    [Redactor]
    public static string Email(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }

    [Redactor]
    public static string Text(string value) => value.Length == 0 ? value : value[0] + new string('*', value.Length - 1);
}

/// <summary>
/// Answers account questions through the injected IChatClient (logged by its DI pipeline) after the prompt guard.
/// One method leaks personal data into prompt logs and into the prompt itself; the other redacts it where it enters.
/// </summary>
public sealed class AccountAssistant(IChatClient client, ILogger<AccountAssistant> logger)
{
    public async Task<string> ExplainBillAsync(CustomerAccount account, string question, CancellationToken cancellationToken = default)
    {
        var prompt = $"Customer {account.FullName} <{account.Email}> asks about a bill: {question}";
        logger.LogDebug("Prompt: {Prompt}", prompt); // expect: SL0003
        var response = await client.GetResponseAsync(PromptGuard.Check(prompt), cancellationToken: cancellationToken); // expect: SL0004, SL0010
        logger.LogInformation("Answer: {Answer}", response.Text); // expect: SL0003
        return response.Text;
    }

    public async Task<string> DraftWelcomeAsync(CustomerAccount account, CancellationToken cancellationToken = default)
    {
        var prompt = $"Write a short welcome note for {Mask.Text(account.FullName)} ({Mask.Email(account.Email)}).";
        logger.LogInformation(
            "Drafting a welcome note: prompt length {Length}, e-mail confirmed {Confirmed}, template {Template}",
            prompt.Length,
            account.IsEmailConfirmed,
            account.EmailTemplateId);
        var response = await client.GetResponseAsync(PromptGuard.Check(prompt), cancellationToken: cancellationToken); // expect: SL0010
        logger.LogInformation("Welcome note drafted for account {AccountId}", account.Id);
        return response.Text;
    }

    public void RequestCallback(CustomerAccount account)
    {
        AuditTrail.Record("callback-requested", account.PhoneNumber); // expect: SL0003
        Console.WriteLine($"Callback requested for loyalty card {account.LoyaltyCard}"); // expect: SL0003
        AuditTrail.Record("callback-requested-redacted", Mask.Text(account.PhoneNumber));
    }
}
