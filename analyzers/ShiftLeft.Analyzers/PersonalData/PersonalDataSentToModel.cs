using ShiftLeft.Analyzers.PersonalData.Flow;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>
    /// SL0004's message (<see cref="PersonalDataAnalyzer"/> finds it): personal data reaches the prompt / messages of a
    /// model call, or the value a tool returns to the model, without passing a redactor.
    /// </summary>
    internal static class PersonalDataSentToModel
    {
        public static string FormatMessage(FlowFinding finding)
        {
            var subject = PersonalDataSubject.Of(finding.Taint.SourceDescription);
            return finding.Kind == SinkKind.ToolResult
                ? $"{subject} is returned to the model by the tool '{finding.SinkName}': redact it before the tool returns it"
                : $"{subject} is sent to a model by '{finding.SinkName}': redact it before it enters the prompt";
        }
    }

    /// <summary>How a message names personal data as its subject: "Personal data 'customer.Email'", "An e-mail address literal (personal data)".</summary>
    internal static class PersonalDataSubject
    {
        public static string Of(string sourceDescription)
        {
            if (sourceDescription.Length == 0 || sourceDescription[0] == '\'')
                return "Personal data " + sourceDescription;
            return char.ToUpperInvariant(sourceDescription[0]) + sourceDescription.Substring(1) + " (personal data)";
        }
    }
}
