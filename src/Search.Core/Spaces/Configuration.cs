namespace NinSearch.Core.Spaces;

/// <summary>
/// One sampled point of a <see cref="SearchSpace"/>: the active dimensions' names and typed values (inactive
/// conditional dimensions are absent). Immutable; equal when the same names have the same values.
/// Map it to a trainable <see cref="NinSearch.Spec.TrialConfig"/> with <see cref="ConfigurationMapper"/>.
/// </summary>
public sealed class Configuration : IEquatable<Configuration>
{
    private readonly SortedDictionary<string, ParamValue> _values;

    public Configuration(IEnumerable<KeyValuePair<string, ParamValue>> values) =>
        _values = new SortedDictionary<string, ParamValue>(values.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    /// <summary>Values by dimension name, in ordinal name order.</summary>
    public IReadOnlyDictionary<string, ParamValue> Values => _values;

    public ParamValue this[string name] => _values.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"the configuration has no value for dimension '{name}' ({this})");

    public bool Contains(string name) => _values.ContainsKey(name);

    public bool TryGet(string name, out ParamValue value) => _values.TryGetValue(name, out value);

    public long GetInt(string name) => this[name].AsInt();

    public double GetDouble(string name) => this[name].AsDouble();

    public bool GetBool(string name) => this[name].AsBool();

    public string GetString(string name) => this[name].AsString();

    public bool Equals(Configuration? other) =>
        other is not null && other._values.Count == _values.Count &&
        _values.All(p => other._values.TryGetValue(p.Key, out var v) && v.SameAs(p.Value));

    public override bool Equals(object? obj) => Equals(obj as Configuration);

    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var (k, v) in _values) hash = HashCode.Combine(hash, k, v.IsNumeric ? v.AsDouble().GetHashCode() : v.GetHashCode());
        return hash;
    }

    public override string ToString() => "{" + string.Join(", ", _values.Select(p => $"{p.Key}={p.Value}")) + "}";
}
