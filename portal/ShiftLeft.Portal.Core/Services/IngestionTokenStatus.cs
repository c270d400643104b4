namespace ShiftLeft.Portal.Core.Services;

public enum IngestionTokenStatus
{
    Valid,
    Unknown,
    Expired,
    Revoked,
}
