using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Data.Access;
using Shequ.Data.Audit;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Access;

public class SignInTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task Signing_in_sets_a_host_prefixed_secure_httponly_cookie_and_opens_the_dashboard()
    {
        await app.CreateUserAsync("signin-ok", Roles.DistrictAdmin, "320591");
        var client = app.NewClient();

        var response = await ShequFactory.PostSignInAsync(client, "signin-ok", ShequFactory.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Shequ=", StringComparison.Ordinal));
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldContain("path=/");

        var home = await client.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        home.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await home.Content.ReadAsStringAsync();
        html.ShouldContain("明湖区 · 概览");
        html.ShouldContain("lang=\"zh-CN\"");
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        var response = await app.NewClient().GetAsync("/Organization/Tree");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_chinese_and_audited()
    {
        await app.CreateUserAsync("signin-wrong", Roles.Inspector, "320591");
        var response = await ShequFactory.PostSignInAsync(app.NewClient(), "signin-wrong", "not the password");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("用户名或密码错误");
        var audited = await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SignInFailed && a.EntityKey == "signin-wrong"));
        audited.ShouldBe(1);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_so_even_the_right_password_is_refused()
    {
        await app.CreateUserAsync("signin-lock", Roles.Inspector, "320591");
        var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await ShequFactory.PostSignInAsync(client, "signin-lock", "wrong password " + i);
        }

        var response = await ShequFactory.PostSignInAsync(client, "signin-lock", ShequFactory.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await response.Content.ReadAsStringAsync()).ShouldContain("已锁定 5 分钟");
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        await app.CreateUserAsync("signin-csrf", Roles.Inspector, "320591");
        var client = app.NewClient();
        await client.GetAsync("/Account/Login");

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "signin-csrf",
            ["Input.Password"] = ShequFactory.Password,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse(string.Join(" | ", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
    }

    [Fact]
    public async Task A_signed_in_post_without_the_token_is_refused_too()
    {
        await app.CreateUserAsync("signin-csrf2", Roles.DistrictAdmin, "320591");
        var client = await app.SignedInClientAsync("signin-csrf2");

        var response = await client.PostAsync("/Organization/Regions/Edit/320591001001", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "被篡改",
            ["Input.UrbanRural"] = "MainUrbanArea",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync((db, _) => db.Regions.SingleAsync(r => r.Code == "320591001001"))).Name.ShouldBe("湖滨社区");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await app.CreateUserAsync("signin-out", Roles.Inspector, "320591");
        var client = await app.SignedInClientAsync("signin-out");
        var token = await ShequFactory.AntiforgeryTokenAsync(client, "/");

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("password123")]
    [InlineData("12345678")]
    public async Task Weak_passwords_are_refused(string password)
    {
        var result = await app.WithDbAsync(async (_, sp) =>
        {
            var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Access.StaffUser>>(sp);
            return await users.CreateAsync(new Data.Access.StaffUser { UserName = "weak-" + Guid.NewGuid().ToString("N")[..6] }, password);
        });
        result.Succeeded.ShouldBeFalse();
    }
}

/// <summary>The app with its password hasher counted: how much work a sign-in costs, without measuring time.</summary>
public sealed class CountedHashingFactory : ShequFactory
{
    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IPasswordHasher<StaffUser>>(Hasher));
    }

    public sealed class CountingHasher : PasswordHasher<StaffUser>
    {
        private int _verified;

        public int Verified => Volatile.Read(ref _verified);

        public override PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>Issue 15 (account enumeration): a name that has no account answers as an account with a wrong password does.</summary>
public class AccountEnumerationTests(CountedHashingFactory app) : IClassFixture<CountedHashingFactory>
{
    [Fact]
    public async Task An_unknown_name_costs_one_password_check_like_a_known_name_with_a_wrong_password()
    {
        await app.CreateUserAsync("enum-known", Roles.Inspector, "320591");
        var client = app.NewClient();

        var before = app.Hasher.Verified;
        var known = await ShequFactory.PostSignInAsync(client, "enum-known", "not the password");
        var afterKnown = app.Hasher.Verified;
        var unknown = await ShequFactory.PostSignInAsync(client, "enum-nobody", "not the password");

        (afterKnown - before).ShouldBe(1);
        (app.Hasher.Verified - afterKnown).ShouldBe(1, "an unknown name answered without the work a password check costs: its speed tells it apart");
        unknown.StatusCode.ShouldBe(known.StatusCode);
        Message(await unknown.Content.ReadAsStringAsync()).ShouldBe(Message(await known.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_unknown_name_locks_after_five_failures_as_an_account_does()
    {
        await app.CreateUserAsync("enum-locks", Roles.Inspector, "320591");
        var client = app.NewClient();
        var known = new List<HttpResponseMessage>();
        var unknown = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            known.Add(await ShequFactory.PostSignInAsync(client, "enum-locks", "wrong " + i));
            unknown.Add(await ShequFactory.PostSignInAsync(client, "enum-never-was", "wrong " + i));
        }

        unknown.Select(r => r.StatusCode).ShouldBe(known.Select(r => r.StatusCode));
        unknown[^1].StatusCode.ShouldBe(HttpStatusCode.Locked);
        Message(await unknown[^1].Content.ReadAsStringAsync()).ShouldBe(Message(await known[^1].Content.ReadAsStringAsync()));
    }

    private static string Message(string html)
    {
        var message = System.Text.RegularExpressions.Regex.Match(html, "validation-summary-errors[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        message.ShouldNotBeNullOrWhiteSpace();
        return message;
    }
}
