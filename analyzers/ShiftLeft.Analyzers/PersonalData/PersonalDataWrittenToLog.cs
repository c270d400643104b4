using ShiftLeft.Analyzers.PersonalData.Flow;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>
    /// SL0003's message (<see cref="PersonalDataAnalyzer"/> finds it): personal data reaches a log without passing a
    /// redactor. Says "prompt log" when the logged value is a prompt or a model response built from it.
    /// </summary>
    internal static class PersonalDataWrittenToLog
    {
        public static string FormatMessage(FlowFinding finding)
        {
            var source = PersonalDataSubject.Of(finding.Taint.SourceDescription);
            if (!finding.IsPromptLog)
                return $"{source} is written to a log by '{finding.SinkName}': redact it or log only its shape";

            var what = (finding.Taint.Shape & TaintShape.Response) != 0 && (finding.Taint.Shape & TaintShape.Prompt) == 0
                ? "a model response to a prompt built from it"
                : "a prompt built from it";
            return $"{source} is written to a prompt log by '{finding.SinkName}': the logged value is {what}; redact it where it enters the prompt";
        }
    }
}
