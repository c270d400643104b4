namespace ShiftLeft.Analyzers.Tests.PersonalData;

public class PersonalDataSmokeTests
{
    [Fact]
    public Task Interpolated_email_logged_and_sent()
    {
        var source = PersonalDataTest.Usings + """
            public class Support(IChatClient chat, ILogger<Support> logger)
            {
                public async Task<string> AskAsync(Customer customer, string question)
                {
                    var prompt = $"Customer {customer.Email} asks: {question}";
                    logger.LogInformation("Prompt: {Prompt}", {|SL0003:prompt|});
                    var response = await chat.GetResponseAsync(prompt);
                    logger.LogInformation("Confirmed: {Confirmed}", customer.IsEmailConfirmed);
                    return response.Text;
                }
            }
            """;
        return PersonalDataTest.VerifyLogAsync(source);
    }
}
