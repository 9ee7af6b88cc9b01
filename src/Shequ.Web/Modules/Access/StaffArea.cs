using Microsoft.AspNetCore.Authorization;
using Shequ.Domain.Access;

namespace Shequ.Web.Modules.Access;

/// <summary>
/// Staff may go anywhere their policies allow; a public-opinion volunteer (E8-6) only to the opinion pages and
/// API, their own account pages and the region picker the opinion filters use (it lists only their scope). Part of the
/// default and API policies, so every page and endpoint checks it. A handling unit's account only to its workspace.
/// </summary>
public sealed class StaffAreaRequirement : IAuthorizationRequirement
{
    public static readonly string[] VolunteerPaths = ["/Opinion", "/api/v1/opinion", "/Account", "/Organization/Regions/Pick"];

    /// <summary>A handling unit's account (承办单位) works only in its own workspace.</summary>
    public static readonly string[] UnitPaths = ["/Unit", "/Account", "/Notifications"];
}

public sealed class StaffAreaHandler(IHttpContextAccessor accessor) : AuthorizationHandler<StaffAreaRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffAreaRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        if (Roles.Staff.Any(user.IsInRole))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var path = accessor.HttpContext?.Request.Path ?? default;
        if (user.IsInRole(Roles.OpinionVolunteer) && (path == "/" || StaffAreaRequirement.VolunteerPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))))
        {
            context.Succeed(requirement);
        }

        if (user.IsInRole(Roles.UnitHandler) && (path == "/" || StaffAreaRequirement.UnitPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
