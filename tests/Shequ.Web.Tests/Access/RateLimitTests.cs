using System.Net;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Access;

public sealed class TightRateLimitFactory : ShequFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shequ:SignInAttemptsPerMinutePerIp"] = "3",
        ["Shequ:ApiRequestsPerSecondPerCaller"] = "2",
    };
}

public class RateLimitTests(TightRateLimitFactory app) : IClassFixture<TightRateLimitFactory>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        var client = app.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await ShequFactory.PostSignInAsync(client, "nobody", "wrong password")).StatusCode);
        }

        statuses[..3].ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        var limited = await ShequFactory.PostSignInAsync(client, "nobody", "wrong password");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_api_answers_429_with_retry_after_when_a_caller_floods_it()
    {
        var client = app.NewClient();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await client.GetAsync("/api/v1/regions"));
        }

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        limited.Headers.Contains("Retry-After").ShouldBeTrue();
    }
}
