using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Shequ.Data.Access;

namespace Shequ.Web.Modules.Access;

/// <summary>
/// A sign-in under a name that has no account costs what a wrong password costs and locks as an account locks
/// (issue 15, account enumeration): the same password hash is verified, and five failures within the lockout
/// setting answer "locked" for five minutes. Nothing tells a caller whether the name exists.
/// </summary>
public sealed class UnknownAccounts(IOptions<IdentityOptions> identity, TimeProvider time) : IDisposable
{
    // Its own bounded cache: made-up names must not grow the shared one without end.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private static readonly StaffUser Nobody = new() { UserName = "nobody" };
    private string? _decoyHash;

    /// <summary>Answers a sign-in with an unknown name: failed, or locked out when it has failed as often as an account may.</summary>
    public Microsoft.AspNetCore.Identity.SignInResult Refuse(IPasswordHasher<StaffUser> hasher, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(userName);
        var lockout = identity.Value.Lockout;
        var key = "unknown-account:" + userName.Trim().ToUpperInvariant();
        var now = time.GetUtcNow();
        var tally = cache.GetOrCreate(key, e =>
        {
            e.AbsoluteExpirationRelativeToNow = lockout.DefaultLockoutTimeSpan;
            e.Size = 1;
            return new Tally();
        })!;
        lock (tally)
        {
            if (tally.LockedUntil > now)
            {
                return Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
            }

            _decoyHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
            hasher.VerifyHashedPassword(Nobody, _decoyHash, password);
            if (++tally.Failures < lockout.MaxFailedAccessAttempts)
            {
                return Microsoft.AspNetCore.Identity.SignInResult.Failed;
            }

            tally.Failures = 0;
            tally.LockedUntil = now + lockout.DefaultLockoutTimeSpan;
            cache.Set(key, tally, new MemoryCacheEntryOptions { AbsoluteExpiration = tally.LockedUntil, Size = 1 });
            return Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
    }

    public void Dispose() => cache.Dispose();

    private sealed class Tally
    {
        public int Failures { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
