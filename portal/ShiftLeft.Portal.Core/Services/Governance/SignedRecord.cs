namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>An exported, signed record: the file name to save it under and its JSON text.</summary>
public sealed record SignedRecord(string FileName, string Json);
