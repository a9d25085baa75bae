namespace NinSearch.Export;

/// <summary>One file of an export: its name (no folders) and its bytes.</summary>
public sealed record ExportFile(string Name, ReadOnlyMemory<byte> Content);
