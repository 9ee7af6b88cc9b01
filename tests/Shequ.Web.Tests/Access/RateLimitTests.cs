using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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

/// <summary>Every request arrives from 127.0.0.1, as a client on the same machine would (the test host has no socket).</summary>
public class LoopbackClientFactory : ShequFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shequ:Requests:PublicSubmissionsPerWindow"] = "3",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, FromLoopback>());
    }

    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, then) =>
            {
                ctx.Connection.RemoteIpAddress = IPAddress.Loopback;
                return then(ctx);
            });
            next(app);
        };
    }
}

/// <summary>The same, with 127.0.0.1 configured as the reverse proxy in front of Shequ.</summary>
public sealed class BehindLocalProxyFactory : LoopbackClientFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shequ:Requests:PublicSubmissionsPerWindow"] = "3",
        ["Shequ:KnownProxies:0"] = "127.0.0.1",
    };
}

public class BehindProxyTests(BehindLocalProxyFactory app) : IClassFixture<BehindLocalProxyFactory>
{
    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_address_has_its_own_budget()
    {
        var client = app.NewClient();
        for (var i = 0; i < 6; i++)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/opinion/suggestions")
            {
                Content = JsonContent.Create(new { community = ShequFactory.CommunityA, text = $"小区门口积水严重 {i}" }),
            };
            post.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            (await client.SendAsync(post)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
    }
}

/// <summary>A local client cannot claim another address: forwarded headers count only from configured proxies (issue 15).</summary>
public class ForwardedHeaderTests(LoopbackClientFactory app) : IClassFixture<LoopbackClientFactory>
{
    [Fact]
    public async Task A_spoofed_forwarded_address_does_not_buy_a_fresh_public_budget()
    {
        var client = app.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/opinion/suggestions")
            {
                Content = JsonContent.Create(new { community = ShequFactory.CommunityA, text = $"路灯坏了很久没人修 {i}" }),
            };
            post.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            statuses.Add((await client.SendAsync(post)).StatusCode);
        }

        statuses[..3].ShouldAllBe(s => s == HttpStatusCode.Created);
        statuses[3..].ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }
}

public class RateLimitTests(TightRateLimitFactory app) : IClassFixture<TightRateLimitFactory>
{
    [Fact]
    public async Task Made_up_authorization_headers_share_the_anonymous_api_budget()
    {
        // Each junk header used to key a bucket of its own, so rotating them never ran out (issue 15, A1).
        var client = app.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions");
            get.Headers.TryAddWithoutValidation("Authorization", i % 2 == 0 ? $"Basic {Convert.ToBase64String(BitConverter.GetBytes(i))}" : $"Bearer junk-{i}");
            statuses.Add((await client.SendAsync(get)).StatusCode);
        }

        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        statuses.ShouldNotContain(HttpStatusCode.OK);
    }

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
