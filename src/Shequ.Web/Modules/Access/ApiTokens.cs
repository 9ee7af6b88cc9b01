using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Data.Audit;

namespace Shequ.Web.Modules.Access;

/// <summary>Bearer tokens for scripts: 256 random bits shown once, stored as a SHA-256 hash.</summary>
public static class ApiTokens
{
    public const string Scheme = "Bearer";
    public const string Prefix = "shq_";

    /// <summary>Whether the request offers a bearer token (proved or not: the handler decides).</summary>
    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static async Task<string> IssueAsync(ShequDbContext db, StaffUser user, TimeSpan lifetime, CancellationToken ct = default)
    {
        var token = Prefix + Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = DateTime.UtcNow;
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, TokenHash = Hash(token), CreatedAtUtc = now, ExpiresAtUtc = now + lifetime });
        db.Audit(AuditActions.TokenCreated, nameof(StaffUser), user.UserName);
        await db.SaveChangesAsync(ct);
        return token;
    }
}

public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ShequDbContext db,
    UserManager<StaffUser> users,
    IUserClaimsPrincipalFactory<StaffUser> claims)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiTokens.Hash(header["Bearer ".Length..].Trim());
        var now = DateTime.UtcNow;
        var token = await db.ApiTokens.AsNoTracking()
            .SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAtUtc == null && t.ExpiresAtUtc > now, Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("invalid token");
        }

        var user = await users.FindByIdAsync(token.UserId);
        if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("account unavailable");
        }

        var principal = await claims.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, ApiTokens.Scheme, principal.Identities.First().NameClaimType, principal.Identities.First().RoleClaimType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokens.Scheme));
    }
}
