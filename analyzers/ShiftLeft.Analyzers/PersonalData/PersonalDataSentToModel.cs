using ShiftLeft.Analyzers.PersonalData.Flow;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>SL0004's message (<see cref="PersonalDataAnalyzer"/> finds it): personal data reaches the prompt / messages of a model call without passing a redactor.</summary>
    internal static class PersonalDataSentToModel
    {
        public static string FormatMessage(FlowFinding finding) =>
            $"Personal data {finding.Taint.SourceDescription} is sent to a model by '{finding.SinkName}': redact it before it enters the prompt";
    }
}
