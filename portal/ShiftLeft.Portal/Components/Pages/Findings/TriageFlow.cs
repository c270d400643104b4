using MudBlazor;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Components.Pages.Findings;

/// <summary>
/// Asks for a decision in <see cref="TriageDialog"/>, hands it to <see cref="ITriageService"/> and reports the outcome.
/// Shared by the finding page (one finding) and the grid (selected rows, or every finding matching the filter).
/// </summary>
public sealed class TriageFlow(IDialogService dialogs, ITriageService triage, ISnackbar snackbar)
{
    /// <summary>Returns true when something changed (the caller reloads).</summary>
    public async Task<bool> TriageOneAsync(long findingId, string target, bool allowReopen, PortalActor actor)
    {
        var command = await AskAsync(target, allowReopen);
        if (command is null) return false;
        return await RunAsync(async () =>
        {
            var outcome = await triage.ApplyAsync(findingId, command, actor);
            return outcome.PendingApproval ? "Risk acceptance requested: it applies once another person with the approver role approves it." : $"Triaged: {Shared.Display.Triage(outcome.Status)}.";
        });
    }

    public async Task<bool> TriageSelectedAsync(IReadOnlyCollection<long> findingIds, PortalActor actor)
    {
        var command = await AskAsync($"{findingIds.Count} selected findings", allowReopen: true);
        if (command is null) return false;
        return await RunAsync(async () =>
        {
            var outcome = await triage.ApplyToManyAsync(findingIds, command, actor);
            return Summary(command, outcome);
        });
    }

    public async Task<bool> TriageMatchingAsync(FindingFilter filter, int matching, bool moreThanMatching, string description, PortalActor actor)
    {
        if (matching > TriageLimits.MaxBulk || moreThanMatching)
        {
            snackbar.Add($"{(moreThanMatching ? "More than " : "")}{matching} findings match; bulk triage takes at most {TriageLimits.MaxBulk}. Narrow the filter.", Severity.Warning);
            return false;
        }
        var command = await AskAsync($"all {matching} findings matching: {description}", allowReopen: filter.Visibility != FindingVisibility.Open);
        if (command is null) return false;
        return await RunAsync(async () =>
        {
            var outcome = await triage.ApplyToFilterAsync(filter, command, actor);
            return Summary(command, outcome) + $" ({outcome.Matched} matching).";
        });
    }

    private static string Summary(TriageCommand command, BulkTriageOutcome outcome) => command.Action == TriageAction.AcceptRisk
        ? $"Risk acceptance requested for {outcome.RequestedAcceptances} findings ({outcome.Decisions - outcome.RequestedAcceptances} already awaiting approval): it applies once another person with the approver role approves."
        : $"Triaged {outcome.Decisions} findings.";

    private async Task<TriageCommand?> AskAsync(string target, bool allowReopen)
    {
        var parameters = new DialogParameters<TriageDialog>
        {
            { d => d.Target, target },
            { d => d.AllowReopen, allowReopen },
        };
        var reference = await dialogs.ShowAsync<TriageDialog>("Triage", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await reference.Result;
        return result is { Canceled: false, Data: TriageCommand command } ? command : null;
    }

    private async Task<bool> RunAsync(Func<Task<string>> command)
    {
        try
        {
            snackbar.Add(await command(), Severity.Success);
            return true;
        }
        catch (PortalValidationException e)
        {
            snackbar.Add(e.Message, Severity.Error);
        }
        catch (PortalForbiddenException e)
        {
            snackbar.Add(e.Message, Severity.Error);
        }
        catch (PortalNotFoundException e)
        {
            snackbar.Add(e.Message, Severity.Warning);
        }
        return false;
    }
}
