using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Shequ.Web.Modules.Access;

/// <summary>Item A4: 30-minute idle (sliding cookie) and a 12-hour absolute limit, then the security-stamp check.</summary>
public static class SessionLimits
{
    public const string SignedInAtKey = "shequ.signedInAt";
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    public static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var time = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (ctx.Properties.Items.TryGetValue(SignedInAtKey, out var raw)
            && long.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && time.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero) > Absolute)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(ctx);
    }

    public static Microsoft.AspNetCore.Authentication.AuthenticationProperties NewSessionProperties(TimeProvider time) => new()
    {
        IsPersistent = false,
        Items = { [SignedInAtKey] = time.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };
}
