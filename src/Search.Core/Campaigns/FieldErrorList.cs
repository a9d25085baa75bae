namespace NinSearch.Core.Campaigns;

/// <summary>Collects <see cref="FieldError"/>s up to a cap; past it, one summary error counts the rest.</summary>
internal sealed class FieldErrorList(int max)
{
    private readonly List<FieldError> _errors = [];
    private int _dropped;

    public int Count => _errors.Count + _dropped;

    public void Add(string path, string message)
    {
        if (_errors.Count < max) _errors.Add(new FieldError(path, message));
        else _dropped++;
    }

    /// <summary>Whether any error was added under <paramref name="prefix"/> (the field itself or one inside it).</summary>
    public bool AnyUnder(string prefix) => _dropped > 0 || _errors.Any(e =>
        e.Path == prefix || (e.Path.StartsWith(prefix, StringComparison.Ordinal) && e.Path.Length > prefix.Length && e.Path[prefix.Length] is '.' or '['));

    public IReadOnlyList<FieldError> ToList() =>
        _dropped == 0 ? [.. _errors] : [.. _errors, new FieldError("$", $"{_dropped} more error(s) not shown")];
}
