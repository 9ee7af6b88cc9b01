using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Data.Access;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Access;

/// <summary>Two hosts of Shequ on one database, as behind a load balancer: B uses the database A created.</summary>
public class TwoHostsOnOneDatabase<TFactory> : IAsyncLifetime where TFactory : ShequFactory, new()
{
    public TFactory A { get; } = new();

    public TFactory B { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await A.InitializeAsync();
        B.ShareDatabaseOf(A);
        await B.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Two hosts on one database, each on a clock the test moves.</summary>
public sealed class TwoInstancesFixture : TwoHostsOnOneDatabase<FakeClockFactory>
{

    /// <summary>A browser: one cookie jar, whichever instance the balancer sends a request to.</summary>
    public (HttpClient ToA, HttpClient ToB) Browser()
    {
        var jar = new CookieContainer();
        HttpClient For(FakeClockFactory host) => host.CreateDefaultClient(new Uri("https://localhost"), new CookieJar(jar));
        return (For(A), For(B));
    }

    public void Advance(TimeSpan by)
    {
        A.Clock.Advance(by);
        B.Clock.Advance(by);
    }

    private sealed class CookieJar(CookieContainer jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = jar.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                foreach (var cookie in cookies)
                {
                    jar.SetCookies(request.RequestUri!, cookie);
                }
            }

            return response;
        }
    }
}

/// <summary>Items E25 and A4 across instances: keys shared in the database, sessions ended everywhere.</summary>
public class TwoInstancesTests(TwoInstancesFixture hosts) : IClassFixture<TwoInstancesFixture>
{
    private static async Task<HttpStatusCode> HomeAsync(HttpClient client) => (await client.GetAsync("/")).StatusCode;

    [Fact]
    public async Task A_session_and_an_antiforgery_token_from_instance_A_are_accepted_by_instance_B()
    {
        await hosts.A.CreateUserAsync("two-hosts", Roles.Inspector, "320591");
        var (toA, toB) = hosts.Browser();
        (await HomeAsync(toB)).ShouldBe(HttpStatusCode.Redirect, "not signed in yet");

        (await ShequFactory.PostSignInAsync(toA, "two-hosts", ShequFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await HomeAsync(toB)).ShouldBe(HttpStatusCode.OK, "B reads the cookie A issued");

        var token = await ShequFactory.AntiforgeryTokenAsync(toA, "/");
        var switched = await toB.PostAsync("/Culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/", ["__RequestVerificationToken"] = token }));
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect, "B accepts the antiforgery token A issued");
        var forged = await toB.PostAsync("/Culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/", ["__RequestVerificationToken"] = "forged" }));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "and still refuses one nobody issued");
    }

    [Fact]
    public async Task Disabling_an_account_on_one_instance_ends_its_sessions_on_both_within_a_minute()
    {
        await hosts.A.CreateUserAsync("two-hosts-off", Roles.Inspector, "320591");
        var (onA, _) = hosts.Browser();
        var (_, onB) = hosts.Browser();
        (await ShequFactory.PostSignInAsync(onA, "two-hosts-off", ShequFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ShequFactory.PostSignInAsync(onB, "two-hosts-off", ShequFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await HomeAsync(onA)).ShouldBe(HttpStatusCode.OK);
        (await HomeAsync(onB)).ShouldBe(HttpStatusCode.OK);

        await hosts.A.WithDbAsync(async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByNameAsync("two-hosts-off"))!;
            user.IsDisabled = true;
            await users.UpdateAsync(user);
            return await users.UpdateSecurityStampAsync(user);
        });

        hosts.Advance(TimeSpan.FromSeconds(61));
        (await HomeAsync(onA)).ShouldBe(HttpStatusCode.Redirect);
        (await HomeAsync(onB)).ShouldBe(HttpStatusCode.Redirect, "B never saw the change, yet the session ends there too");
    }
}
