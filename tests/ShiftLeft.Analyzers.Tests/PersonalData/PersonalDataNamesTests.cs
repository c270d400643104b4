using ShiftLeft.Analyzers.PersonalData;

namespace ShiftLeft.Analyzers.Tests.PersonalData;

public class PersonalDataNamesTests
{
    [Theory]
    [InlineData("customerEmail")]
    [InlineData("Email")]
    [InlineData("EMail")]
    [InlineData("email_address")]
    [InlineData("EmailAddress")]
    [InlineData("PhoneNumber")]
    [InlineData("user_phone")]
    [InlineData("USER_PHONE")]
    [InlineData("mobile")]
    [InlineData("customerSSN")]
    [InlineData("SocialSecurityNumber")]
    [InlineData("DateOfBirth")]
    [InlineData("birthDate")]
    [InlineData("dob")]
    [InlineData("FirstName")]
    [InlineData("lastName")]
    [InlineData("full_name")]
    [InlineData("ShippingAddress")]
    [InlineData("StreetAddress")]
    [InlineData("AddressLine1")]
    [InlineData("PostalCode")]
    [InlineData("zipCode")]
    [InlineData("PassportNumber")]
    [InlineData("creditCard")]
    [InlineData("CardNumber")]
    [InlineData("Iban")]
    [InlineData("NationalId")]
    [InlineData("TaxId")]
    [InlineData("RemoteIpAddress")]
    [InlineData("IPAddress")]
    [InlineData("_customerEmail")]
    [InlineData("@email")]
    [InlineData("Emails")]
    [InlineData("PhoneNumbers")]
    [InlineData("addresses")]
    public void Head_noun_personal_terms_match(string identifier) =>
        Assert.True(PersonalDataNames.Default.IsPersonalDataName(identifier), identifier);

    [Theory]
    [InlineData("EmailTemplateId")]
    [InlineData("PhoneCount")]
    [InlineData("IsEmailConfirmed")]
    [InlineData("emailSubject")]
    [InlineData("PhoneType")]
    [InlineData("AddressType")]
    [InlineData("MacAddress")]
    [InlineData("BaseAddress")]
    [InlineData("ServerAddress")]
    [InlineData("Name")]
    [InlineData("question")]
    [InlineData("prompt")]
    [InlineData("Status")]
    [InlineData("emailer")]
    [InlineData("Ibanez")]
    [InlineData("productName")]
    [InlineData("storeName")]
    [InlineData("callerMemberName")]
    [InlineData("memberName")]
    [InlineData("clientName")]
    [InlineData("displayName")]
    [InlineData("")]
    public void Identifiers_that_only_mention_personal_data_do_not_match(string identifier) =>
        Assert.False(PersonalDataNames.Default.IsPersonalDataName(identifier), identifier);

    [Theory]
    [InlineData("customerName")]
    [InlineData("UserName")]
    [InlineData("username")]
    [InlineData("patient_name")]
    [InlineData("EmployeeDisplayName")]
    [InlineData("applicantName")]
    [InlineData("contactName")]
    [InlineData("AuthorName")]
    [InlineData("recipientName")]
    [InlineData("senderDisplayName")]
    public void A_name_word_after_a_person_word_is_a_persons_name(string identifier) =>
        Assert.True(PersonalDataNames.Default.IsPersonalDataName(identifier), identifier);

    [Theory]
    [InlineData("Customer", true)]
    [InlineData("ApplicationUser", true)]
    [InlineData("PatientDto", true)]
    [InlineData("UserProfile", true)]
    [InlineData("Team", false)]
    [InlineData("Product", false)]
    [InlineData("UserStore", false)]
    public void Types_named_for_a_person(string typeName, bool expected) =>
        Assert.Equal(expected, PersonalDataNames.NamesPersonType(typeName));

    [Fact]
    public void Configured_terms_are_normalised_like_identifiers()
    {
        var names = PersonalDataNames.WithAdditionalTerms(new[] { "loyalty_number", " PatientId " });
        Assert.True(names.IsPersonalDataName("customerLoyaltyNumber"));
        Assert.True(names.IsPersonalDataName("patient_id"));
        Assert.False(names.IsPersonalDataName("LoyaltyNumberFormat"));
        Assert.False(PersonalDataNames.Default.IsPersonalDataName("customerLoyaltyNumber"));
    }

    [Theory]
    [InlineData("customerEmail", "customer,email")]
    [InlineData("IPAddress", "ip,address")]
    [InlineData("USER_SSN", "user,ssn")]
    [InlineData("addressLine2", "address,line,2")]
    public void Identifiers_split_into_lower_case_words(string identifier, string expected) =>
        Assert.Equal(expected, string.Join(",", PersonalDataNames.SplitWords(identifier)));
}
