using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shequ.Data.Access;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Access;

/// <summary>The app on a clock the test moves.</summary>
public sealed class FakeClockFactory : ShequFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.PostConfigureAll<CookieAuthenticationOptions>(o => o.TimeProvider = Clock);
            services.PostConfigure<SecurityStampValidatorOptions>(o => o.TimeProvider = Clock);
        });
    }
}

/// <summary>Item A4: 30 minutes idle, 12 hours at most, and a disabled account's sessions end within a minute.</summary>
public class SessionTests(FakeClockFactory app) : IClassFixture<FakeClockFactory>
{
    private static async Task<bool> SignedInAsync(HttpClient client) => (await client.GetAsync("/")).StatusCode == HttpStatusCode.OK;

    [Fact]
    public async Task A_session_idle_for_more_than_30_minutes_ends()
    {
        await app.CreateUserAsync("session-idle", Roles.Inspector, "320591");
        var client = await app.SignedInClientAsync("session-idle");

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        (await SignedInAsync(client)).ShouldBeTrue();
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        (await SignedInAsync(client)).ShouldBeFalse();
    }

    [Fact]
    public async Task An_active_session_still_ends_after_12_hours()
    {
        await app.CreateUserAsync("session-long", Roles.Inspector, "320591");
        var client = await app.SignedInClientAsync("session-long");

        // A request every 20 minutes keeps the idle limit from ever firing.
        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromHours(11.9))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            elapsed += TimeSpan.FromMinutes(20);
            (await SignedInAsync(client)).ShouldBeTrue($"still active after {elapsed}");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(20)); // 12 h 20 min after signing in, 20 min after the last request
        (await SignedInAsync(client)).ShouldBeFalse();
    }

    /// <summary>Issue 15: a cookie saved before signing out and replayed afterwards is refused.</summary>
    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_saved_cookie_is_refused()
    {
        await app.CreateUserAsync("session-logout", Roles.Inspector, "320591");
        var client = app.NewClient();
        var signIn = await ShequFactory.PostSignInAsync(client, "session-logout", ShequFactory.Password);
        var saved = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("__Host-Shequ=", StringComparison.Ordinal) || c.StartsWith("__Host-ShequC", StringComparison.Ordinal)).ToList();
        saved.ShouldNotBeEmpty();
        (await SignedInAsync(client)).ShouldBeTrue();

        var token = await ShequFactory.AntiforgeryTokenAsync(client, "/");
        (await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var replay = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        replay.DefaultRequestHeaders.Add("Cookie", string.Join("; ", saved));
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        (await SignedInAsync(replay)).ShouldBeFalse("the stamp changed at sign-out, so the saved cookie no longer validates");
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_session_within_a_minute()
    {
        await app.CreateUserAsync("session-disabled", Roles.Inspector, "320591");
        var client = await app.SignedInClientAsync("session-disabled");
        (await SignedInAsync(client)).ShouldBeTrue();

        await app.WithDbAsync(async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByNameAsync("session-disabled"))!;
            user.IsDisabled = true;
            await users.UpdateAsync(user);
            return await users.UpdateSecurityStampAsync(user);
        });

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        (await SignedInAsync(client)).ShouldBeFalse();
        (await ShequFactory.PostSignInAsync(app.NewClient(), "session-disabled", ShequFactory.Password)).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
    }
}
