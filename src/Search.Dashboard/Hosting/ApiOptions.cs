using NinSearch.Core.Campaigns;

namespace NinSearch.Dashboard.Hosting;

/// <summary>
/// Settings of the REST API, bound from <see cref="Section"/> (<c>NinSearch:Api</c>, e.g. environment variable
/// <c>NinSearch__Api__Token</c>) and validated at start-up. The same section holds the optional metrics endpoint's
/// <c>MetricsPort</c> and <c>MetricsHost</c> (see <c>MetricsEndpointOptions</c>).
/// </summary>
/// <remarks>
/// Every mutation (<c>POST</c>) needs <c>Authorization: Bearer &lt;token&gt;</c>. With neither <see cref="Token"/> nor
/// <see cref="TokenFile"/> set, mutations are refused (403): the API is never writable by accident.
/// </remarks>
public sealed class ApiOptions
{
    /// <summary>The configuration section, <c>NinSearch:Api</c>.</summary>
    public const string Section = "NinSearch:Api";

    /// <summary>The <c>service.name</c> the dashboard's metrics carry (its section would give <c>ninsearch-api</c>).</summary>
    public const string ServiceName = "ninsearch-dashboard";

    /// <summary>The shortest token accepted: 16 characters (<c>nin-search up</c> generates 43).</summary>
    public const int MinTokenLength = 16;

    /// <summary>The bearer token mutations need. Default null (then <see cref="TokenFile"/>, else mutations are refused); empty counts as none.</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the token (surrounding whitespace ignored), read once at start-up. Default null.</summary>
    public string? TokenFile { get; set; }

    /// <summary>Whether reads (<c>GET</c>) need the token too. Default false: reads are open.</summary>
    public bool RequireTokenForReads { get; set; }

    /// <summary>How often an idle event stream (<c>/events</c>) sends a comment, so proxies keep it open. Default 15 s.</summary>
    public TimeSpan EventHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Updates buffered per event-stream client; a slower client loses the oldest first. Default 1,024.</summary>
    public int EventBuffer { get; set; } = 1024;

    /// <summary>
    /// The caps a submitted campaign document is checked against (size, nesting, name, dimensions, values), e.g.
    /// <c>NinSearch__Api__Validation__MaxDocumentBytes=2097152</c>. Defaults: those of <see cref="CampaignValidationOptions"/>.
    /// The silo checks its own (<c>NinSearch:Silo:Validation</c>) again when the campaign starts.
    /// </summary>
    public CampaignValidationOptions Validation { get; set; } = new();

    /// <summary>Errors in these settings, empty when they are usable. Never includes the token.</summary>
    public IEnumerable<string> Validate()
    {
        var token = !string.IsNullOrWhiteSpace(Token);
        var file = !string.IsNullOrWhiteSpace(TokenFile);
        if (token && file) yield return $"{Section}: set Token or TokenFile, not both";
        if (token && Token!.Trim().Length < MinTokenLength) yield return $"{Section}:Token must be at least {MinTokenLength} characters";
        if (file && !File.Exists(TokenFile)) yield return $"{Section}:TokenFile '{TokenFile}' does not exist";
        if (EventHeartbeat <= TimeSpan.Zero) yield return $"{Section}:EventHeartbeat must be positive";
        if (EventBuffer < 1) yield return $"{Section}:EventBuffer must be at least 1";
        foreach (var problem in Validation.Validate()) yield return $"{Section}:Validation:{problem}";
    }
}
