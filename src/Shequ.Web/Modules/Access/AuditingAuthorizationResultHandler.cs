using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Shequ.Data;
using Shequ.Data.Audit;

namespace Shequ.Web.Modules.Access;

/// <summary>Records every refused authorization of a signed-in caller in the audit log (item C16).</summary>
public sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var db = context.RequestServices.GetRequiredService<ShequDbContext>();
            db.Audit(AuditActions.AccessDenied, detail: $"{context.Request.Method} {context.Request.Path}", remoteIp: context.Connection.RemoteIpAddress?.ToString());
            await db.SaveChangesAsync(context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
