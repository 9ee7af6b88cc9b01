using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Access;

public partial class AccountPagesTests(ShequFactory app) : IClassFixture<ShequFactory>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        if (!await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "acct-street-a")))
        {
            await app.CreateUserAsync("acct-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
            await app.CreateUserAsync("acct-district", Roles.DistrictAdmin, "320591");
            await app.CreateUserAsync("acct-worker-a", Roles.CommunityStaff, ShequFactory.CommunityA);
            await app.CreateUserAsync("acct-worker-b", Roles.CommunityStaff, ShequFactory.CommunityB);
            await app.CreateUserAsync("acct-root", Roles.SystemAdmin, null);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_street_admin_lists_only_the_accounts_of_their_street()
    {
        var client = await app.SignedInClientAsync("acct-street-a");
        var html = await client.GetStringAsync("/Access/Accounts");
        html.ShouldContain("acct-worker-a");
        html.ShouldNotContain("acct-worker-b");
        html.ShouldNotContain("acct-district");
        html.ShouldNotContain("acct-root");

        var export = await client.GetAsync("/Access/Accounts?handler=Export");
        var rows = MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.ShouldAllBe(r => r["所属区划代码"] != null && ((string)r["所属区划代码"]).StartsWith("320591001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_system_admin_sees_system_admins_too()
    {
        var html = await (await app.SignedInClientAsync("acct-root")).GetStringAsync("/Access/Accounts?q=acct-");
        html.ShouldContain("acct-root");
        html.ShouldContain("acct-worker-b");
    }

    [Fact]
    public async Task Workers_do_not_manage_accounts()
    {
        var client = await app.SignedInClientAsync("acct-worker-a");
        (await client.GetAsync("/Access/Accounts")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_street_admin_creates_a_social_worker_who_can_sign_in_with_the_password_shown_once()
    {
        var client = await app.SignedInClientAsync("acct-street-a");
        var response = await client.PostFormAsync("/Access/Accounts/Create", new()
        {
            ["Input.UserName"] = "acct-new-sw",
            ["Input.DisplayName"] = "阿依古丽·买买提",
            ["Input.Role"] = Roles.SocialWorker,
            ["Input.RegionCode"] = ShequFactory.CommunityA2,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var password = PasswordShown().Match(html).Groups[1].Value;
        password.Length.ShouldBe(20);
        (await ShequFactory.PostSignInAsync(app.NewClient(), "acct-new-sw", password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData(Roles.DistrictAdmin, "320591", "您不能授予该角色")]
    [InlineData(Roles.CommunityStaff, ShequFactory.CommunityB, "不在您的管辖范围内")]
    [InlineData(Roles.StreetAdmin, ShequFactory.CommunityA, "不能绑定到社区/村一级")]
    public async Task A_street_admin_cannot_grant_above_their_level_or_outside_their_street(string role, string region, string message)
    {
        var client = await app.SignedInClientAsync("acct-street-a");
        var name = "acct-refused-" + Guid.NewGuid().ToString("N")[..6];
        var response = await client.PostFormAsync("/Access/Accounts/Create", new()
        {
            ["Input.UserName"] = name,
            ["Input.Role"] = role,
            ["Input.RegionCode"] = region,
        });

        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        (await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == name))).ShouldBeFalse();
    }

    [Fact]
    public async Task Disabling_an_account_stops_its_sign_in_and_its_tokens_and_enabling_restores_sign_in()
    {
        await app.CreateUserAsync("acct-to-disable", Roles.CommunityStaff, ShequFactory.CommunityA);
        var token = await app.IssueTokenAsync("acct-to-disable");
        var id = await app.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "acct-to-disable").Select(u => u.Id).SingleAsync());
        var admin = await app.SignedInClientAsync("acct-street-a");

        var disable = await admin.PostFormAsync("/Access/Accounts?handler=Disable", new() { ["id"] = id });
        disable.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ShequFactory.PostSignInAsync(app.NewClient(), "acct-to-disable", ShequFactory.Password)).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await api.GetAsync("/api/v1/regions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await admin.PostFormAsync("/Access/Accounts?handler=Enable", new() { ["id"] = id })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ShequFactory.PostSignInAsync(app.NewClient(), "acct-to-disable", ShequFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Disabling_an_account_of_another_street_is_not_found()
    {
        var id = await app.WithDbAsync((db, _) => db.Users.Where(u => u.UserName == "acct-worker-b").Select(u => u.Id).SingleAsync());
        var admin = await app.SignedInClientAsync("acct-street-a");
        (await admin.PostFormAsync("/Access/Accounts?handler=Disable", new() { ["id"] = id })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync((db, _) => db.Users.SingleAsync(u => u.Id == id))).IsDisabled.ShouldBeFalse();
    }

    [GeneratedRegex("data-testid=\"password\">([^<]+)<")]
    private static partial Regex PasswordShown();
}
