using Microsoft.AspNetCore.Identity;

namespace Shequ.Data.Access;

/// <summary>A staff account. Every account but a system administrator's is bound to one region subtree.</summary>
public sealed class StaffUser : IdentityUser
{
    public int? RegionId { get; set; }

    /// <summary>For a handling unit's account (承办单位): the unit it answers for.</summary>
    public int? UnitId { get; set; }

    public string? DisplayName { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A bearer token for scripts calling /api/v1. Only its SHA-256 hash is stored.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}

/// <summary>
/// Who is asking, as the data layer needs to know it: whose changes to audit, and which region subtree
/// they may see. <see cref="RegionPrefix"/> null means unrestricted (system administrators, the CLI, jobs).
/// </summary>
public interface ICurrentActor
{
    string? UserName { get; }

    string? RegionPrefix { get; }

    /// <summary>A handling unit's account sees only the requests and suggestions routed to its unit.</summary>
    int? UnitId => null;
}

/// <summary>The actor of the CLI, seeding and background jobs: sees everything, audited as "system".</summary>
public sealed class SystemActor : ICurrentActor
{
    public static SystemActor Instance { get; } = new();

    public string? UserName => "system";

    public string? RegionPrefix => null;
}

/// <summary>An account's identity and scope carried into work done outside its request (imports, figures counted in the background).</summary>
public sealed record FixedActor(string? UserName, string? RegionPrefix, int? UnitId = null) : ICurrentActor;
