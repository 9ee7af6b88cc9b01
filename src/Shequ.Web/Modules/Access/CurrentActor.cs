using System.Security.Claims;
using Shequ.Data.Access;
using Shequ.Domain.Access;

namespace Shequ.Web.Modules.Access;

public static class ShequClaims
{
    public const string RegionCode = "shequ:region";
    public const string ScopePrefix = "shequ:scope";
    public const string DisplayName = "shequ:name";

    /// <summary>The handling unit (承办单位) an account answers for.</summary>
    public const string UnitId = "shequ:unit";

    /// <summary>A prefix no code starts with: what an unauthenticated web request may see.</summary>
    public const string NothingVisible = "\u0001";

    public static bool IsSystemAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.SystemAdmin);

    public static bool CanEditOrganization(this ClaimsPrincipal user) => Roles.OrganizationEditors.Any(user.IsInRole);

    /// <summary>Who keeps the registry: everyone but inspectors, who only read.</summary>
    public static bool CanEditRegistry(this ClaimsPrincipal user) => Roles.RegistryKeepers.Any(user.IsInRole);

    public static string? RegionCodeOf(this ClaimsPrincipal user) => user.FindFirstValue(RegionCode);

    /// <summary>The unit a handling unit's account answers for; null for everyone else.</summary>
    public static int? UnitIdOf(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.UnitHandler)
            ? int.TryParse(user.FindFirstValue(UnitId), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0
            : null;

    /// <summary>The code prefix of what a signed-in user may see: null for a system administrator (everything).</summary>
    public static string? ScopePrefixOf(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? NothingVisible
        : user.IsSystemAdmin() ? null
        : user.FindFirstValue(ScopePrefix) ?? NothingVisible;
}

/// <summary>
/// The web request's actor. Outside a request (CLI, start-up, jobs) there is no HttpContext and the
/// system actor applies; inside one, an anonymous caller sees no scoped rows at all.
/// </summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public string? UserName => accessor.HttpContext is { } ctx
        ? ctx.User.Identity?.IsAuthenticated == true ? ctx.User.Identity.Name : null
        : SystemActor.Instance.UserName;

    public string? RegionPrefix
    {
        get
        {
            if (accessor.HttpContext is not { } ctx)
            {
                return SystemActor.Instance.RegionPrefix;
            }

            return ctx.User.ScopePrefixOf();
        }
    }

    /// <summary>A unit account without a unit claim gets 0, which matches no case.</summary>
    public int? UnitId => accessor.HttpContext?.User.UnitIdOf();
}
