using NinSearch.Abstractions;
using NinSearch.Core.Campaigns;

namespace NinSearch.Cli.Campaigns;

/// <summary>
/// The CLI side of <see cref="CampaignFile"/> (Search.Core knows nothing of Orleans' wire types): reading a file and
/// turning it into the silo's <see cref="CampaignDefinition"/> and <see cref="CampaignBudget"/>.
/// </summary>
public static class CampaignFileExtensions
{
    extension(CampaignFile)
    {
        /// <summary>
        /// Reads and validates a campaign file (<see cref="CampaignValidator"/>); an invalid one throws
        /// <see cref="InvalidDataException"/> naming the file and every field at fault.
        /// </summary>
        public static CampaignFile Read(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"campaign spec '{path}' does not exist", path);
            return Parse(File.ReadAllText(path), path);
        }

        /// <summary>Validates the campaign document <paramref name="json"/> read from <paramref name="path"/>; errors as <see cref="Read"/>.</summary>
        public static CampaignFile Parse(string json, string path)
        {
            var result = CampaignValidator.Validate(json);
            return result.Campaign ?? throw new InvalidDataException(
                $"campaign spec '{path}' is invalid:{string.Concat(result.Errors.Select(e => $"{Environment.NewLine}  {e.Path}: {e.Message}"))}");
        }
    }

    extension(CampaignFile file)
    {
        public CampaignBudget ToBudget() => new(file.Budget.MaxTrials, file.Budget.MaxEpochs, file.Budget.MaxWallClock);

        public CampaignDefinition ToDefinition() => new(
            file.Name,
            file.Dataset.Name,
            file.Search?.GetRawText() ?? "{}",
            file.ToBudget(),
            new ResourceRequest(file.Resources.Gpus, file.Resources.GpuMemoryBytes, file.Resources.CpuThreads));
    }
}
