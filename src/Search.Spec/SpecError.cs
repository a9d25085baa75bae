namespace NinSearch.Spec;

/// <summary>One problem with a spec, naming the field by its JSON path, e.g. <c>blocks[1].kernel</c>.</summary>
public sealed record SpecError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
