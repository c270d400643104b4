// Usage: verifiers for SL0003/SL0004 tests (the shared verifier, which compiles against every restored SDK package:
// AI SDKs, logging, Microsoft.Extensions.Compliance.*, ASP.NET Core Identity's PersonalDataAttribute, Serilog).
//   await PersonalDataTest.VerifyLogAsync(source);                    // expectations as {|SL0003:argument|}
//   await PersonalDataTest.VerifyModelAsync(source, editorConfig: "shiftleft.redaction_methods = A.B.C");
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.PersonalData;
using ShiftLeft.Analyzers.Tests.Verification;

namespace ShiftLeft.Analyzers.Tests.PersonalData;

internal static class PersonalDataTest
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Compliance.Redaction;
        using Microsoft.Extensions.Logging;

        public record Customer(string Plan, string Email, string PhoneNumber, bool IsEmailConfirmed, int PhoneCount, string EmailTemplateId);

        """;

    public static Task VerifyLogAsync(string source, string? editorConfig = null) =>
        CreateLog(source, editorConfig).RunAsync(CancellationToken.None);

    public static Task VerifyModelAsync(string source, string? editorConfig = null) =>
        CreateModel(source, editorConfig).RunAsync(CancellationToken.None);

    /// <summary>SL0003 alone (SL0004, which the same analyzer reports, disabled).</summary>
    public static CSharpAnalyzerTest<PersonalDataAnalyzer, DefaultVerifier> CreateLog(string source, string? editorConfig = null) =>
        ShiftLeftAnalyzerTest<PersonalDataAnalyzer, Rule.SL0003>.Create(source, editorConfig);

    /// <summary>SL0004 alone (SL0003 disabled).</summary>
    public static CSharpAnalyzerTest<PersonalDataAnalyzer, DefaultVerifier> CreateModel(string source, string? editorConfig = null) =>
        ShiftLeftAnalyzerTest<PersonalDataAnalyzer, Rule.SL0004>.Create(source, editorConfig);
}
