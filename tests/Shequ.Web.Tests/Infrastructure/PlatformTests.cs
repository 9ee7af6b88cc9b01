using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Data;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Infrastructure;

public class PlatformTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task Healthz_answers_200_when_the_database_answers()
    {
        var response = await app.NewClient().GetAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sqlite_runs_in_wal_mode_with_full_synchronous_commits_and_foreign_keys()
    {
        Assert.SkipWhen(app.IsPostgres, "SQLite only");
        var (journal, synchronous, foreignKeys) = await app.WithDbAsync(async (db, _) =>
        {
            await db.Database.OpenConnectionAsync();
            var conn = db.Database.GetDbConnection();
            return (await SqliteDurability.ScalarAsync(conn, "PRAGMA journal_mode;"), await SqliteDurability.ScalarAsync(conn, "PRAGMA synchronous;"), await SqliteDurability.ScalarAsync(conn, "PRAGMA foreign_keys;"));
        });
        journal.ShouldBe("wal");
        synchronous.ShouldBe("2");
        foreignKeys.ShouldBe("1");
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        var response = await app.NewClient().GetAsync("/Account/Login");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
    }

    [Fact]
    public async Task Openapi_and_scalar_are_served()
    {
        var client = app.NewClient();
        var doc = await client.GetStringAsync("/openapi/v1.json");
        doc.ShouldContain("/api/v1/regions/{code}");
        (await client.GetAsync("/scalar/v1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The OpenAPI lint: every operation under /api/v1 says what it does and belongs to a module's tag.</summary>
    [Fact]
    public async Task Every_api_operation_has_a_summary_and_a_tag()
    {
        var doc = System.Text.Json.JsonDocument.Parse(await app.NewClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(op => op.Name is "get" or "post" or "put" or "patch" or "delete").Select(op => (Path: path.Name, Verb: op.Name, Op: op.Value)))
            .ToList();
        operations.ShouldAllBe(o => o.Path.StartsWith("/api/v1/") || o.Path.StartsWith("/health"));
        static bool Described(System.Text.Json.JsonElement op) =>
            op.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 10 && op.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0;
        operations.Where(o => o.Path.StartsWith("/api/v1/") && !Described(o.Op)).Select(o => $"{o.Verb} {o.Path}").ShouldBeEmpty();
        foreach (var path in new[] { "/api/v1/assessment/periods/{id}/publication", "/api/v1/assessment/appeals/{id}/decision", "/api/v1/assessment/periods/{id}/pay-adoption", "/api/v1/assessment/campaigns/{id}/review" })
        {
            operations.ShouldContain(o => o.Path == path, path);
        }
    }

    /// <summary>
    /// Issue 15, the API contract: the pinned Redocly CLI (tools/openapi-lint, installed from npm on first use) lints the
    /// document the app serves with the recommended rules, and nothing may be reported — no error and no warning.
    /// </summary>
    [Fact]
    public async Task The_openapi_document_passes_the_pinned_redocly_lint()
    {
        var lint = Path.Combine(CliProcess.RepoRoot, "tools", "openapi-lint");
        if (!File.Exists(Path.Combine(lint, "node_modules", ".bin", "redocly")))
        {
            var (installed, output, errors) = await RunAsync(lint, "npm", "ci", "--no-audit", "--no-fund");
            installed.ShouldBe(0, output + errors);
        }

        var document = Path.Combine(Path.GetTempPath(), $"shequ-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await app.NewClient().GetStringAsync("/openapi/v1.json"));
        try
        {
            var (_, report, _) = await RunAsync(lint, Path.Combine(lint, "node_modules", ".bin", "redocly"), "lint", document, "--config", "redocly.yaml", "--format=json", "--max-problems", "1000");
            var problems = System.Text.Json.JsonDocument.Parse(report).RootElement.GetProperty("problems").EnumerateArray()
                .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
                .ToList();
            problems.ShouldBeEmpty();
        }
        finally
        {
            File.Delete(document);
        }
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string directory, string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>On a database migrated fresh from the baseline, whose hand-written part these triggers are.</summary>
    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes()
    {
        await app.WithDbAsync(async (db, _) =>
        {
            db.Audit("test", detail: "append-only probe");
            await db.SaveChangesAsync();
            return 0;
        });

        await Should.ThrowAsync<Exception>(() => app.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Action\" = 'forged'")));
        await Should.ThrowAsync<Exception>(() => app.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"")));
        if (app.IsPostgres)
        {
            await Should.ThrowAsync<Exception>(() => app.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\"")));
        }

        (await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Detail == "append-only probe"))).ShouldBe(1);
    }

    [Fact]
    public async Task Changes_to_regions_are_audited_with_their_new_values()
    {
        await app.WithDbAsync(async (db, _) =>
        {
            var grid = await db.Regions.SingleAsync(r => r.Code == "320591003001001");
            grid.Update("金桥社区第1网格（调整）", null);
            await db.SaveChangesAsync();
            return 0;
        });

        var entry = await app.WithDbAsync((db, _) => db.AuditEntries.SingleAsync(a => a.EntityKey == "320591003001001" && a.Action == "updated"));
        entry.Actor.ShouldBe("system");
        entry.Detail.ShouldNotBeNull();
        entry.Detail.ShouldContain("调整");
    }

    [Fact]
    public async Task Two_editors_of_one_region_the_second_save_fails()
    {
        await using var scope1 = app.Services.CreateAsyncScope();
        await using var scope2 = app.Services.CreateAsyncScope();
        var db1 = scope1.ServiceProvider.GetRequiredService<ShequDbContext>();
        var db2 = scope2.ServiceProvider.GetRequiredService<ShequDbContext>();
        var first = await db1.Regions.SingleAsync(r => r.Code == "320591003002");
        var second = await db2.Regions.SingleAsync(r => r.Code == "320591003002");

        first.Update("新港社区（甲）", first.UrbanRural);
        await db1.SaveChangesAsync();
        second.Update("新港社区（乙）", second.UrbanRural);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
    }

    [Fact]
    public void The_session_security_settings_hold()
    {
        var stamp = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>>().Value;
        stamp.ValidationInterval.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        var identity = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>().Value;
        identity.Lockout.MaxFailedAccessAttempts.ShouldBe(5);
        identity.Lockout.DefaultLockoutTimeSpan.ShouldBe(TimeSpan.FromMinutes(5));
        var hasher = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.PasswordHasherOptions>>().Value;
        hasher.IterationCount.ShouldBeGreaterThan(100_000);
    }
}
