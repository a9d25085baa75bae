using System.Security.Cryptography;
using System.Text;

namespace NinSearch.ServiceDefaults;

/// <summary>
/// The shared secret that lets workers and the dashboard into a cluster: clients send it with every call (in the
/// Orleans request context) and silos refuse calls from clients that do not. Taken from a setting (an environment
/// variable such as <c>NinSearch__Worker__ClusterSecret</c>) or from a file (<c>ClusterSecretFile</c>, e.g. a
/// Kubernetes secret volume), never from a command-line flag, where <c>ps</c> would show it.
/// </summary>
public static class ClusterSecret
{
    /// <summary>The request-context key the secret travels under.</summary>
    public const string RequestContextKey = "ninsearch-cluster-secret";

    /// <summary>The secret from <paramref name="value"/>, else the trimmed contents of <paramref name="file"/>; null when neither is set.</summary>
    /// <exception cref="InvalidOperationException">The file cannot be read or is empty (one line naming it, never the secret).</exception>
    public static string? Resolve(string? value, string? file)
    {
        if (!string.IsNullOrEmpty(value)) return value;
        if (string.IsNullOrEmpty(file)) return null;
        string text;
        try { text = File.ReadAllText(file).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"the cluster secret file '{file}' cannot be read: {e.Message}", e);
        }
        return text.Length > 0 ? text : throw new InvalidOperationException($"the cluster secret file '{file}' is empty");
    }

    /// <summary>Compares in constant time, so the time to refuse says nothing of how much of a guess was right.</summary>
    public static bool Matches(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
