namespace Shequ.Web.Infrastructure;

/// <summary>Headers on every response (item C15): no referrer, no sniffing, no framing, a strict CSP, and no-store for signed-in or API responses.</summary>
public static class SecurityHeaders
{
    private const string Csp =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseShequSecurityHeaders(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h["Referrer-Policy"] = "no-referrer";
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            if (!ctx.Request.Path.StartsWithSegments("/scalar"))
            {
                h.ContentSecurityPolicy = Csp;
            }

            if (ctx.User.Identity?.IsAuthenticated == true || ctx.Request.Path.StartsWithSegments("/api"))
            {
                h.CacheControl = "no-store";
                h.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next();
    });
}
