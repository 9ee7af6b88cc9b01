using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;

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

    /// <summary>The hash to look a presented secret up by, or null when it cannot be one.</summary>
    public static string? HashOf(string? token) =>
        string.IsNullOrWhiteSpace(token) || token.Length > MaxLength ? null : ApiTokens.Hash(token);
}
