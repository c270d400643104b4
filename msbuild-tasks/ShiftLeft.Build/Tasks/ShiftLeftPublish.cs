using System.Reflection;
using Microsoft.Build.Framework;
using ShiftLeft.Build.Publishing;

namespace ShiftLeft.Build.Tasks;

/// <summary>
/// The upload of a solution build (run once, by the publishing hook after every project built): composes the SARIF
/// log, copies the evidence reports and uploads them (<see cref="Publisher"/>). Upload failures are SL1101 warnings
/// unless ShiftLeftPublishFailureSeverity=Error; the token never reaches the log.
/// </summary>
public sealed class ShiftLeftPublish : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>The records of the projects built (<see cref="PublishRecord"/> files).</summary>
    public ITaskItem[] Records { get; set; } = [];

    /// <summary>Receives shiftleft.sarif, evidence/ and publish.json.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The solution (or project) built: its name is the default code scanning category, its folder is where git is looked for.</summary>
    [Required]
    public string Solution { get; set; } = string.Empty;

    /// <summary>The composed SARIF log.</summary>
    [Output]
    public string? SarifPath { get; private set; }

    public void Cancel() => _cancel.Cancel();

    public override bool Execute()
    {
        try
        {
            var records = new List<PublishRecord>();
            // The hook hands the list over as one escaped property, so an item may hold several paths.
            foreach (var path in Records.SelectMany(r => r.ItemSpec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal))
            {
                if (!File.Exists(path))
                {
                    // The project stopped before it recorded anything (e.g. restore failed): nothing of it to publish.
                    Log.LogMessage(MessageImportance.Normal, $"ShiftLeft publishing: no record at {path}.");
                    continue;
                }

                if (PublishRecord.Read(path, out var problem) is { } record)
                {
                    records.Add(record);
                }
                else
                {
                    Log.LogWarning(null, Publisher.InputProblem, null, DocumentationLinks.Rule(Publisher.InputProblem), path, 0, 0, 0, 0, $"ShiftLeft publishing: {problem}.");
                }
            }

            var version = typeof(ShiftLeftPublish).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
            var publisher = new Publisher(PortalUploader.CreateDefault(), Environment.GetEnvironmentVariable);
            var outcome = Task.Run(() => publisher.PublishAsync(new PublishRequest(records, OutputDirectory, Path.GetFileNameWithoutExtension(Solution), Path.GetDirectoryName(Path.GetFullPath(Solution))!, version), LogMessage, _cancel.Token)).GetAwaiter().GetResult();
            SarifPath = outcome.SarifPath;
            return !Log.HasLoggedErrors;
        }
        catch (OperationCanceledException)
        {
            Log.LogWarning(null, Publisher.UploadFailed, null, DocumentationLinks.Rule(Publisher.UploadFailed), Solution, 0, 0, 0, 0, "ShiftLeft publishing was cancelled; nothing was uploaded.");
            return true;
        }
        catch (Exception ex)
        {
            Log.LogError(null, "SL1000", null, DocumentationLinks.Rule("SL1000"), Solution, 0, 0, 0, 0, $"ShiftLeft.Build failed unexpectedly while publishing ({ex.GetType().Name}: {ex.Message}). Report this defect; set ShiftLeftPublishEnabled=false to build meanwhile.");
            return false;
        }
    }

    private static string? Help(string? code) => code is null ? null : DocumentationLinks.Rule(code);

    private void LogMessage(PublishMessage message)
    {
        switch (message.Level)
        {
            case PublishMessageLevel.Error:
                Log.LogError(null, message.Code, null, Help(message.Code), Solution, 0, 0, 0, 0, message.Text);
                break;
            case PublishMessageLevel.Warning:
                Log.LogWarning(null, message.Code, null, Help(message.Code), Solution, 0, 0, 0, 0, message.Text);
                break;
            default:
                Log.LogMessage(MessageImportance.High, message.Text);
                break;
        }
    }
}
