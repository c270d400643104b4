using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShiftLeft.Analyzers.PersonalData.Flow;
using ShiftLeft.Analyzers.Rules;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>
    /// SL0003: personal data reaches a log (ILogger, [LoggerMessage], audit-log methods, Console, Debug/Trace, Serilog)
    /// without passing a redactor. Says "prompt log" when the logged value is a prompt or a model response built from it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PersonalDataWrittenToLogAnalyzer : PersonalDataAnalyzerBase
    {
        private protected override SinkKind Kind => SinkKind.Log;

        private protected override DiagnosticDescriptor Rule => RuleCatalog.PersonalDataWrittenToLog;

        private protected override string FormatMessage(FlowFinding finding)
        {
            var source = finding.Taint.SourceDescription;
            if (!finding.IsPromptLog)
                return $"Personal data {source} is written to a log by '{finding.SinkName}': redact it or log only its shape";

            var what = (finding.Taint.Shape & TaintShape.Response) != 0 && (finding.Taint.Shape & TaintShape.Prompt) == 0
                ? "a model response to a prompt built from it"
                : "a prompt built from it";
            return $"Personal data {source} is written to a prompt log by '{finding.SinkName}': the logged value is {what}; redact it where it enters the prompt";
        }
    }
}
