namespace NinSearch.Core.Campaigns;

/// <summary>
/// One problem with a campaign document: <see cref="Path"/> is the JSON path of the field at fault, without the
/// leading "$." (<c>search.space.dimensions[3].high</c>, <c>dataset.name</c>, <c>budget</c>), or "$" for the
/// document as a whole. Messages quote the offending value (shortened); they may contain any text the client sent,
/// so an HTML view escapes them like any other user data.
/// </summary>
public sealed record FieldError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
