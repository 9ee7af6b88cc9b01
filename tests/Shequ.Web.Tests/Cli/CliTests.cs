using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Headers;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Cli;

/// <summary>
/// The CLI as an operator runs it: the host binary in its own process, configured by environment
/// variables only. A street admin created there sees only their street over the API.
/// </summary>
public class CliTests(CliTests.MigratedByCliFactory app) : IClassFixture<CliTests.MigratedByCliFactory>
{
    /// <summary>A factory whose database is migrated and seeded by the CLI before the app starts.</summary>
    public sealed class MigratedByCliFactory : ShequFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Shequ:AutoMigrate"] = "false",
            ["Shequ:SeedDemo"] = "false",
        };
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(string? stdin, params string[] args) => CliProcess.RunAsync(app, stdin, args);

    [Fact]
    public async Task Migrate_seed_admin_and_token_then_the_street_admin_sees_only_their_street()
    {
        var migrate = await RunAsync(null, "migrate");
        migrate.Exit.ShouldBe(0, migrate.Err);
        (await app.WithDbAsync((db, _) => db.DataProtectionKeys.CountAsync())).ShouldBeGreaterThan(0, "the deploy step creates the key every instance will share");
        var seed = await RunAsync(null, "seed", "demo");
        if (seed.Exit == 0)
        {
            seed.Out.ShouldContain("no demo accounts outside Development/Demo");
        }
        else
        {
            seed.Err.ShouldContain("already holds regions"); // another test of this class seeded first
        }

        var create = await RunAsync("a long street password", "admin", "create", "--user", "cli-street", "--role", "street-admin", "--region", ShequFactory.StreetA);
        create.Exit.ShouldBe(0, create.Err);
        create.Out.ShouldContain("created cli-street (street-admin @ 320591001000 湖滨街道)");
        create.Out.ShouldNotContain("password (shown once)");

        var token = await RunAsync(null, "token", "create", "--user", "cli-street");
        token.Exit.ShouldBe(0, token.Err);
        var bearer = token.Out.Trim().Split('\n')[^1].Trim();
        bearer.ShouldStartWith("shq_");

        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        (await api.GetAsync($"/api/v1/regions/{ShequFactory.CommunityA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync($"/api/v1/regions/{ShequFactory.CommunityB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var web = await app.SignedInClientAsync("cli-street", "a long street password");
        (await web.GetAsync($"/Organization/Regions/Details/{ShequFactory.CommunityB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await web.GetStringAsync("/Organization/Tree")).ShouldNotContain("双塔街道");

        var disable = await RunAsync(null, "user", "disable", "--user", "cli-street");
        disable.Exit.ShouldBe(0, disable.Err);
        (await api.GetAsync($"/api/v1/regions/{ShequFactory.CommunityA}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ShequFactory.PostSignInAsync(app.NewClient(), "cli-street", "a long street password")).StatusCode.ShouldNotBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("admin create --user x --role nobody --region 320591", "unknown role")]
    [InlineData("admin create --user x --role street-admin --region 999999001000", "no region")]
    [InlineData("admin create --user x --role street-admin --region 320591", "cannot be bound to a district")]
    [InlineData("admin create --user x --role street-admin", "--region is required")]
    [InlineData("admin create --user x --role system-admin --region 320591", "takes no --region")]
    [InlineData("token create --user nobody-here", "no such user")]
    [InlineData("frobnicate", "")]
    public async Task Bad_commands_exit_non_zero_with_a_one_line_reason(string command, string reason)
    {
        var migrate = await RunAsync(null, "migrate");
        migrate.Exit.ShouldBe(0, migrate.Err);
        (await app.WithDbAsync((db, _) => db.DataProtectionKeys.CountAsync())).ShouldBeGreaterThan(0, "the deploy step creates the key every instance will share");
        await RunAsync(null, "seed", "demo"); // refused once seeded; either way the district is there
        var result = await RunAsync("a long enough password", command.Split(' '));
        result.Exit.ShouldNotBe(0);
        if (reason.Length > 0)
        {
            result.Err.Trim().Split('\n').Length.ShouldBe(1);
            result.Err.ShouldContain(reason);
        }
    }

    [Fact]
    public async Task A_system_admin_without_piped_input_gets_a_generated_password_printed_once()
    {
        var migrate = await RunAsync(null, "migrate");
        migrate.Exit.ShouldBe(0, migrate.Err);
        (await app.WithDbAsync((db, _) => db.DataProtectionKeys.CountAsync())).ShouldBeGreaterThan(0, "the deploy step creates the key every instance will share");
        var result = await RunAsync(null, "admin", "create", "--user", "cli-root", "--role", "system-admin");
        result.Exit.ShouldBe(0, result.Err);
        var line = result.Out.Split('\n').Single(l => l.StartsWith("password (shown once): ", StringComparison.Ordinal));
        var password = line["password (shown once): ".Length..].Trim();
        password.Length.ShouldBeGreaterThanOrEqualTo(16);
        (await ShequFactory.PostSignInAsync(app.NewClient(), "cli-root", password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Residents_import_from_the_cli_with_exit_codes_and_an_export_imports_back_unchanged()
    {
        var migrate = await RunAsync(null, "migrate");
        migrate.Exit.ShouldBe(0, migrate.Err);
        (await app.WithDbAsync((db, _) => db.DataProtectionKeys.CountAsync())).ShouldBeGreaterThan(0, "the deploy step creates the key every instance will share");
        await RunAsync(null, "seed", "demo");
        var dir = Path.Combine(Path.GetTempPath(), "shequ-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            string Id(int year, int sequence) => Shequ.Domain.Registry.IdNumber.Compose("320591", new DateOnly(year, 7, 8), sequence).Value;
            var good = Path.Combine(dir, "good.xlsx");
            await File.WriteAllBytesAsync(good, Registry.ResidentImportTests.Workbook(
                ["1", "320591002003", "2", "1", "201", null, "楼房", "钱振华", Id(1966, 301), null, "户主"],
                ["1", null, null, null, null, null, null, "钱丽华", Id(1990, 302), "15800000000", "子女"]));
            var imported = await RunAsync(null, "import", "residents", good);
            imported.Exit.ShouldBe(0, imported.Err);
            imported.Out.ShouldContain("1 households, 2 residents created");

            var bad = Path.Combine(dir, "bad.xlsx");
            await File.WriteAllBytesAsync(bad, Registry.ResidentImportTests.Workbook(["9", "320591002003", "3", null, "301", null, "楼房", "错号", "110105194912310021", null, "户主"]));
            (await RunAsync(null, "import", "residents", bad)).Exit.ShouldBe(2);
            File.Exists(Path.Combine(dir, "bad.errors.xlsx")).ShouldBeTrue();

            var exe = Path.Combine(dir, "renamed.xlsx");
            await File.WriteAllBytesAsync(exe, [0x4D, 0x5A, 0x90, 0x00, .. new byte[512]]);
            (await RunAsync(null, "import", "residents", exe)).Exit.ShouldBe(3);

            var export = Path.Combine(dir, "export.xlsx");
            (await RunAsync(null, "export", "residents", "--out", export, "--region", "320591002003")).Exit.ShouldBe(0);
            var again = await RunAsync(null, "import", "residents", export);
            again.Exit.ShouldBe(0, again.Err + again.Out);
            again.Out.ShouldContain("0 households, 0 residents created");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var result = await RunAsync(null, "--help");
        result.Exit.ShouldBe(0);
        // Each module lists its commands beside its code; all of them reach --help.
        foreach (var command in new[] { "migrate", "backup", "seed demo", "seed --households", "admin create", "user disable", "token create", "import residents", "export residents", "campaign create", "campaign verify", "period close" })
        {
            result.Out.ShouldContain(command);
        }
    }

    [Fact]
    public async Task A_campaign_is_drawn_and_its_period_closed_from_the_cli()
    {
        var migrate = await RunAsync(null, "migrate");
        migrate.Exit.ShouldBe(0, migrate.Err);
        (await app.WithDbAsync((db, _) => db.DataProtectionKeys.CountAsync())).ShouldBeGreaterThan(0, "the deploy step creates the key every instance will share");
        await RunAsync(null, "seed", "demo");
        var period = await app.WithDbAsync((db, _) => db.AssessmentPeriods.Where(p => p.Quarter != null).Select(p => p.Id).FirstAsync());
        var periodText = period.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var typedSeed = await RunAsync(null, "campaign", "create", "--period", periodText, "--region", ShequFactory.StreetA, "--seed", "77");
        typedSeed.Exit.ShouldBe(1);
        typedSeed.Err.ShouldContain("drawn by the system");
        var created = await RunAsync(null, "campaign", "create", "--period", periodText, "--region", ShequFactory.StreetA, "--per-item", "3");
        created.Exit.ShouldBe(0, created.Err);
        created.Out.ShouldMatch(@"campaign \d+: \d+ workers, [1-9]\d* households drawn, seed \d+");
        var id = System.Text.RegularExpressions.Regex.Match(created.Out, @"campaign (\d+):").Groups[1].Value;
        var verified = await RunAsync(null, "campaign", "verify", id);
        verified.Exit.ShouldBe(0, verified.Err);
        verified.Out.ShouldContain("MATCH");
        (await RunAsync(null, "campaign", "create", "--period", "999999", "--region", ShequFactory.StreetA)).Exit.ShouldBe(1);

        var closed = await RunAsync(null, "period", "close", "--period", period.ToString(System.Globalization.CultureInfo.InvariantCulture));
        closed.Exit.ShouldBe(0, closed.Err);
        closed.Out.ShouldContain("closed: ");
        (await app.WithDbAsync((db, _) => db.EvaluationCampaigns.AsNoTracking().Where(c => c.PeriodId == period).AllAsync(c => c.IsClosed && c.SlipKeyCipher == null))).ShouldBeTrue();
    }
}
