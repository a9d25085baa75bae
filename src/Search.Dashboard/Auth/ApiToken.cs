using System.Security.Cryptography;
using System.Text;
using NinSearch.Dashboard.Hosting;

namespace NinSearch.Dashboard.Auth;

/// <summary>
/// The API's bearer token, kept only as its SHA-256 hash: a presented token is hashed and compared in constant time,
/// so neither its content nor its length leaks through timing, and the token itself is never logged or shown
/// (<see cref="ToString"/> says only whether one is configured).
/// </summary>
public sealed class ApiToken
{
    /// <summary>The authentication scheme name, <c>Bearer</c>.</summary>
    public const string Scheme = "Bearer";

    /// <summary>The authorization policy of mutations (and of reads with <see cref="ApiOptions.RequireTokenForReads"/>).</summary>
    public const string Policy = "api-token";

    private readonly byte[]? hash;

    private ApiToken(string? token) => hash = token is null ? null : Hash(token);

    /// <summary>Whether a token is configured; without one every mutation is refused.</summary>
    public bool IsConfigured => hash is not null;

    /// <summary>The token of <paramref name="options"/>: <see cref="ApiOptions.Token"/>, or the content of <see cref="ApiOptions.TokenFile"/>.</summary>
    /// <exception cref="InvalidDataException">The token file holds fewer than <see cref="ApiOptions.MinTokenLength"/> characters.</exception>
    public static ApiToken From(ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var token = options.Token?.Trim();
        if (!string.IsNullOrWhiteSpace(options.TokenFile) && options.TokenFile is { } file)
        {
            token = File.ReadAllText(file).Trim();
            if (token.Length < ApiOptions.MinTokenLength)
                throw new InvalidDataException($"{ApiOptions.Section}:TokenFile '{file}' must hold a token of at least {ApiOptions.MinTokenLength} characters");
        }
        return new ApiToken(string.IsNullOrEmpty(token) ? null : token);
    }

    /// <summary>Whether <paramref name="presented"/> is the token; false when none is configured.</summary>
    public bool Matches(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return hash is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), hash);
    }

    /// <summary>A fresh random token (32 bytes, base64url, 43 characters), as <c>nin-search up</c> generates.</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <inheritdoc />
    public override string ToString() => IsConfigured ? "ApiToken(configured)" : "ApiToken(none)";

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
