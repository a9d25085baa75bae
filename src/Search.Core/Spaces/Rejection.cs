namespace NinSearch.Core.Spaces;

/// <summary>A candidate refused before training: the typed reason and a message that names the field or limit.</summary>
public sealed record Rejection(RejectionReason Reason, string Message)
{
    public override string ToString() => $"{Reason}: {Message}";
}
