using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NinSearch.Store.Configurations;

/// <summary>Normalises a <see cref="DateTimeOffset"/> to offset zero, the only offset Npgsql writes to <c>timestamptz</c>.</summary>
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToUniversalTime());
