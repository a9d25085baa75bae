using NinSearch.Core.Campaigns;

namespace NinSearch.Cli.Campaigns;

/// <summary>
/// The CLI side of <see cref="CampaignFile"/>: reading and validating a file. Turning it into the silo's
/// <c>CampaignDefinition</c> is shared with the REST API, in Search.Abstractions (<c>ToDefinition</c>, <c>ToBudget</c>).
/// </summary>
public static class CampaignFileExtensions
{
    extension(CampaignFile)
    {
        /// <summary>
        /// Reads and validates a campaign file (<see cref="CampaignValidator"/>); an invalid one throws
        /// <see cref="InvalidDataException"/> with one line per field at fault, <c>FILE: PATH: MESSAGE</c>.
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
            // One line per field at fault, each naming the file, as a compiler does: greppable, and one line when there is one error.
            return result.Campaign ?? throw new InvalidDataException(string.Join(Environment.NewLine, result.Errors.Select(e => $"{path}: {e.Path}: {e.Message}")));
        }
    }
}
