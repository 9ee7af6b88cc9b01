namespace Shequ.Data.Audit;

/// <summary>
/// One line of the append-only audit log (security item C16): sign-ins, failed authorization, reveals,
/// exports and every change. The database refuses UPDATE and DELETE on this table.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string? Actor { get; set; }

    public required string Action { get; set; }

    public string? EntityType { get; set; }

    public string? EntityKey { get; set; }

    public string? Detail { get; set; }

    public string? RemoteIp { get; set; }
}

public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string LockedOut = "locked-out";
    public const string AccessDenied = "access-denied";
    public const string Export = "export";
    public const string Import = "import";
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string TokenCreated = "token-created";
    public const string Reveal = "reveal";

    /// <summary>Someone was told an ID number they tried to register is registered outside their scope.</summary>
    public const string DuplicateElsewhere = "duplicate-elsewhere";
}
