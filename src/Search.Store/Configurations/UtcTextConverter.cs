using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NinSearch.Store.Configurations;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as fixed-width UTC ISO-8601 text (<c>2026-11-25T14:45:00.0000000Z</c>), so
/// that SQLite's text comparison orders instants correctly.
/// </summary>
internal sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(
    v => v.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture),
    v => DateTimeOffset.ParseExact(v, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
}
