using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;
using NinSearch.Dashboard.Hosting;
using NinSearch.Store.ReadModel;

namespace NinSearch.Dashboard.Campaigns;

/// <summary>
/// The campaign mutations, shared by the REST API and the UI so that both validate, name and start campaigns the same
/// way: a document is validated before anything is stored, the id is chosen here, and cancelling is idempotent.
/// Callers check the API token first.
/// </summary>
public sealed partial class CampaignCommands(
    IGrainFactory grains, ICampaignReadModel campaigns, DashboardInstruments instruments, TimeProvider time, IOptions<ApiOptions> options)
{
    /// <summary>The caps submitted documents are checked against (<see cref="ApiOptions.Validation"/>).</summary>
    public CampaignValidationOptions Validation => options.Value.Validation;

    /// <summary>Validates <paramref name="json"/> (a campaign document) and starts it, or says what is wrong.</summary>
    public async Task<SubmitOutcome> SubmitAsync(string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        var result = CampaignValidator.Validate(json, Validation);
        if (!result.IsValid)
        {
            instruments.SubmissionRefused();
            return SubmitOutcome.Invalid(result.ErrorsByPath());
        }
        var file = result.Campaign!;
        var id = CampaignIds.Create(file.Name, time.GetUtcNow());
        // Ids carry 16 random bits per second and name; a repeat would silently return the other campaign.
        while (await campaigns.GetCampaignAsync(id, cancellationToken) is not null) id = CampaignIds.Create(file.Name, time.GetUtcNow());
        try
        {
            await grains.GetGrain<ICampaignGrain>(id).StartAsync(file.ToDefinition());
        }
        catch (ArgumentException e)
        {
            instruments.SubmissionRefused();
            var message = e.Message.Split(" (Parameter", 2)[0];
            // The silo names the field it refused where it knows it: "search.warm_start_from[0]: there is no campaign 'x'".
            if (FieldPrefix().Match(message) is { Success: true } field)
                return SubmitOutcome.Invalid(field.Groups[1].Value, message[field.Length..]);
            return SubmitOutcome.Invalid(message.Contains("budget", StringComparison.OrdinalIgnoreCase) ? "budget" : "search", message);
        }
        instruments.CampaignSubmitted();
        var detail = await campaigns.GetCampaignAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"campaign {id} was started but the store does not show it");
        return new SubmitOutcome(detail.Campaign, new Dictionary<string, string[]>());
    }

    /// <summary>Cancels campaign <paramref name="id"/> (nothing changes once it ended); null when there is no such campaign.</summary>
    public async Task<CampaignSummary?> CancelAsync(string id, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (await campaigns.GetCampaignAsync(id, cancellationToken) is null) return null;
        await grains.GetGrain<ICampaignGrain>(id).CancelAsync(string.IsNullOrWhiteSpace(reason) ? "cancelled through the API" : reason);
        var detail = await campaigns.GetCampaignAsync(id, cancellationToken) ?? throw new InvalidOperationException($"campaign {id} vanished");
        return detail.Campaign;
    }

    [GeneratedRegex(@"^((?:search|budget)(?:\.[a-z_]+|\[[0-9]+\])*): ")]
    private static partial Regex FieldPrefix();
}
