using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Data.Access;

namespace Shequ.Web.Modules.Access;

/// <summary>Puts the account's region and its subtree prefix into the principal; re-run at every security-stamp check.</summary>
public sealed class ShequClaimsFactory(
    UserManager<StaffUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    ShequDbContext db)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.RegionId is { } regionId)
        {
            var region = await db.Regions.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.Id == regionId);
            if (region is not null)
            {
                identity.AddClaim(new Claim(ShequClaims.RegionCode, region.Code));
                identity.AddClaim(new Claim(ShequClaims.ScopePrefix, region.SubtreePrefix));
            }
        }

        if (user.UnitId is { } unitId)
        {
            identity.AddClaim(new Claim(ShequClaims.UnitId, unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        identity.AddClaim(new Claim(ShequClaims.DisplayName, user.DisplayName ?? user.UserName ?? string.Empty));
        return identity;
    }
}

/// <summary>Disabled accounts cannot sign in; disabling also rotates the security stamp so sessions end.</summary>
public sealed class ShequUserConfirmation : IUserConfirmation<StaffUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(!user.IsDisabled);
}
