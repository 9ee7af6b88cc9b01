using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Access.Accounts;

/// <summary>An account as lists show it; member-initialised so that filters compose over it in SQL.</summary>
public sealed record AccountRow
{
    public required string Id { get; init; }

    public string? UserName { get; init; }

    public string? DisplayName { get; init; }

    public string? Role { get; init; }

    public string? RegionCode { get; init; }

    public string? RegionName { get; init; }

    public bool IsDisabled { get; init; }

    public DateTimeOffset? LockoutEnd { get; init; }

    public DateTime CreatedAtUtc { get; init; }
}

public static class AccountQueries
{
    /// <summary>
    /// Accounts the caller may manage: those bound to a region the caller can see (the region query filter
    /// decides, as everywhere), plus region-less system administrators for a system administrator.
    /// </summary>
    public static IQueryable<AccountRow> InScope(ShequDbContext db, ClaimsPrincipal caller)
    {
        var isSystem = caller.IsSystemAdmin();
        return from u in db.Users
               join r in db.Regions on u.RegionId equals r.Id into regions
               from r in regions.DefaultIfEmpty()
               where r != null || (isSystem && u.RegionId == null)
               let role = (from ur in db.UserRoles join ro in db.Roles on ur.RoleId equals ro.Id where ur.UserId == u.Id select ro.Name).FirstOrDefault()
               orderby u.UserName
               select new AccountRow
               {
                   Id = u.Id,
                   UserName = u.UserName,
                   DisplayName = u.DisplayName,
                   Role = role,
                   RegionCode = r == null ? null : r.Code,
                   RegionName = r == null ? null : r.Name,
                   IsDisabled = u.IsDisabled,
                   LockoutEnd = u.LockoutEnd,
                   CreatedAtUtc = u.CreatedAtUtc,
               };
    }
}
