using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.PersonalData.Flow;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>SL0004: personal data reaches the prompt / messages of a model call without passing a redactor.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PersonalDataSentToModelAnalyzer : PersonalDataAnalyzerBase
    {
        private protected override SinkKind Kind => SinkKind.Model;

        private protected override DiagnosticDescriptor Rule => RuleCatalog.PersonalDataSentToModel;

        private protected override string FormatMessage(FlowFinding finding) =>
            $"Personal data {finding.Taint.SourceDescription} is sent to a model by '{finding.SinkName}': redact it before it enters the prompt";
    }
}
