namespace NinSearch.Spec;

/// <summary>A spec that cannot be read or is not valid; <see cref="Errors"/> names each bad field.</summary>
public sealed class SpecException(IReadOnlyList<SpecError> errors, Exception? inner = null)
    : Exception(Format(errors), inner)
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;

    public SpecException(string path, string message, Exception? inner = null) : this([new SpecError(path, message)], inner)
    {
    }

    private static string Format(IReadOnlyList<SpecError> errors) =>
        errors.Count == 1 ? $"invalid spec: {errors[0]}" : "invalid spec:\n  " + string.Join("\n  ", errors);
}
