using NinSearch.Core.Campaigns;

namespace NinSearch.Abstractions;

/// <summary>
/// Turns a validated campaign document (<see cref="CampaignFile"/>, Search.Core knows nothing of Orleans' wire
/// types) into what <see cref="ICampaignGrain.StartAsync"/> takes. The CLI (<c>campaign run</c>, <c>demo</c>) and the
/// REST API (<c>POST /api/v1/campaigns</c>) share this one conversion.
/// </summary>
public static class CampaignFileExtensions
{
    extension(CampaignFile file)
    {
        /// <summary>The document's budget; valid when the document passed <see cref="CampaignValidator.Validate"/>.</summary>
        public CampaignBudget ToBudget() => new(file.Budget.MaxTrials, file.Budget.MaxEpochs, file.Budget.MaxWallClock);

        /// <summary>
        /// The campaign definition: name, dataset (name, path and declared shape), the search section as raw JSON
        /// (<c>{}</c> when absent), budget and per-trial resources.
        /// </summary>
        public CampaignDefinition ToDefinition() => new(
            file.Name,
            file.Dataset.Name,
            file.Search?.GetRawText() ?? "{}",
            file.ToBudget(),
            new ResourceRequest(file.Resources.Gpus, file.Resources.GpuMemoryBytes, file.Resources.CpuThreads))
        {
            DatasetPath = file.Dataset.Path,
            TrainSubset = file.Dataset.TrainSubset,
            ValidationSubset = file.Dataset.ValidationSubset,
            DatasetShape = file.Dataset is { Input: { } input, Classes: { } classes } ? DatasetShape.Of(input, classes) : null,
        };
    }
}
