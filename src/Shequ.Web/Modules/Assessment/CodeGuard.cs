using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Shequ.Web.Modules.Assessment;

/// <summary>Limits on unknown evaluation codes within a window (issue 14, part 6).</summary>
public sealed class CodeGuessingOptions
{
    /// <summary>Unknown codes one device (its cookie) may try before it waits.</summary>
    public int PerDevice { get; set; } = 10;

    /// <summary>Unknown codes from one address without a device cookie (scripts, the API).</summary>
    public int PerAddressWithoutDevice { get; set; } = 30;

    /// <summary>Unknown codes from one address in all: high enough for a community centre's shared connection.</summary>
    public int PerAddress { get; set; } = 300;

    /// <summary>Unknown codes from everyone: the ceiling for guessing spread over many addresses.</summary>
    public int Overall { get; set; } = 5000;

    public int WindowMinutes { get; set; } = 15;
}

/// <summary>
/// Guards the ~49-bit short codes and the tokens against guessing (issue 14): each unknown code counts against the
/// device that typed it (a long-lived cookie), its address, and everyone; past a limit that caller waits for the
/// window to pass (429 with Retry-After) and even a right code is not looked up. One device mistyping does not stop
/// the next resident at a shared kiosk or on a community centre's connection, whose devices each have their own
/// count. Counts live in this instance's memory and are fixed windows; the limits are set well below what a guesser
/// would need, so an instance restart or a second instance does not change the odds materially.
/// </summary>
public sealed class CodeGuard(IOptions<AssessmentOptions> options, TimeProvider time)
{
    public const string DeviceCookie = "Shequ.Device";

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private long _window = -1;

    private CodeGuessingOptions Limits => options.Value.CodeGuessing;

    /// <summary>The device cookie's value, set on first sight so a kiosk's residents are told apart from a script.</summary>
    public static string? DeviceOf(HttpContext http, bool issue)
    {
        ArgumentNullException.ThrowIfNull(http);
        var device = http.Request.Cookies[DeviceCookie];
        if (device is { Length: 32 } && device.All(char.IsAsciiHexDigit))
        {
            return device;
        }

        if (!issue)
        {
            return null;
        }

        device = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(DeviceCookie, device, new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromDays(400), IsEssential = true,
        });
        return device;
    }

    /// <summary>Seconds to wait when a limit is reached for this caller; null when it may try.</summary>
    public int? RetryAfter(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var window = Roll();
        var limits = Limits;
        var reached = Keys(http).Any(k => _counts.GetValueOrDefault(k.Key) >= k.Limit(limits));
        return reached ? (int)Math.Ceiling(((window + 1) * limits.WindowMinutes * 60) - time.GetUtcNow().ToUnixTimeSeconds() + 1d) : null;
    }

    /// <summary>Counts an unknown code against the caller.</summary>
    public void Failed(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        Roll();
        foreach (var (key, _) in Keys(http))
        {
            _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
    }

    private static IEnumerable<(string Key, Func<CodeGuessingOptions, int> Limit)> Keys(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var device = DeviceOf(http, issue: false);
        yield return ("all", l => l.Overall);
        yield return ("ip:" + address, l => l.PerAddress);
        yield return device is null ? ("ip-nodevice:" + address, l => l.PerAddressWithoutDevice) : ("device:" + device, l => l.PerDevice);
    }

    /// <summary>Starts a new window when the clock has passed the current one.</summary>
    private long Roll()
    {
        var minutes = Math.Max(1, Limits.WindowMinutes);
        var window = time.GetUtcNow().ToUnixTimeSeconds() / (minutes * 60L);
        if (Interlocked.Exchange(ref _window, window) != window)
        {
            _counts.Clear();
        }

        return window;
    }

    public const string TooManyMessage = "尝试的评议码错误次数过多，请稍后再试；如卡片字迹不清，请向社区工作人员求助。";
}
