using System.Security.Cryptography;
using System.Text;

namespace NinSearch.Dashboard.Apis;

/// <summary>
/// Campaign ids chosen by the server: a slug of the name (lowercase <c>[a-z0-9-]</c>, at most
/// <see cref="MaxSlugLength"/> characters, <c>campaign</c> when nothing is left), the UTC submission time
/// <c>yyyyMMdd-HHmmss</c> and 4 random hex digits, e.g. <c>fashion-demo-20260101-120000-3fa9</c>.
/// </summary>
public static class CampaignIds
{
    /// <summary>The longest slug kept from a name.</summary>
    public const int MaxSlugLength = 40;

    /// <summary>A new id for a campaign named <paramref name="name"/> submitted at <paramref name="now"/>.</summary>
    public static string Create(string? name, DateTimeOffset now) =>
        $"{Slug(name)}-{now.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";

    /// <summary>The name as lowercase letters, digits and single dashes, trimmed of dashes, at most <see cref="MaxSlugLength"/> long.</summary>
    public static string Slug(string? name)
    {
        var slug = new StringBuilder(MaxSlugLength);
        foreach (var c in name ?? "")
        {
            if (slug.Length == MaxSlugLength) break;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(lower);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "campaign" : text;
    }
}
