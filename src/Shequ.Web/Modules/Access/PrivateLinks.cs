using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Shequ.Web.Modules.Access;

/// <summary>
/// The secrets in residents' private links (follow a request, follow a suggestion): 128 random bits, URL-safe,
/// shown once; only the SHA-256 is stored, as for API tokens.
/// </summary>
public static class PrivateLinks
{
    public const int MaxLength = 64;

    public static (string Token, string Hash) New()
    {
        var token = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        return (token, ApiTokens.Hash(token));
    }

    /// <summary>How long a page opened from a private link stays open without the link (issue 15).</summary>
    public static readonly TimeSpan CarriedFor = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Moves a link's secret out of the address bar into a short-lived HttpOnly cookie for the page's path, so the page
    /// the resident then sees — and may bookmark, screenshot or share — carries no secret (as /e does since item D18).
    /// Lax, not Strict: a link opened from another app or site must still reach the page after the redirect.
    /// </summary>
    public static void Carry(HttpContext http, string cookie, string path, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(cookie, token, new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = path, MaxAge = CarriedFor, IsEssential = true,
        });
    }

    /// <summary>The hash to look a presented secret up by, or null when it cannot be one.</summary>
    public static string? HashOf(string? token) =>
        string.IsNullOrWhiteSpace(token) || token.Length > MaxLength ? null : ApiTokens.Hash(token);
}
