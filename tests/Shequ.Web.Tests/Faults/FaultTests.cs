using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shequ.Domain.Assessment;
using Shequ.Domain.Registry;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Registry;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Faults;

/// <summary>The fault suite runs alone (it kills processes and loads the machine); `tests/fault/run` runs only it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSuite
{
    public const string Name = "faults";
}

/// <summary>
/// Short forms of the fault items of security-and-reliability.md, against real Shequ processes on the factory's
/// database (SQLite file or PostgreSQL): D18 across two processes, E22 kill -9 during imports, F27 overload,
/// F28 one of two instances killed.
/// </summary>
[Collection(FaultSuite.Name)]
public class FaultTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    /// <summary>A campaign of the current quarter with one prepared invitation per token, each naming one worker and item.</summary>
    private async Task<List<(string Token, int Worker, int Item)>> TokensAsync(int count)
    {
        return await app.WithDbAsync(async (db, sp) =>
        {
            var sealer = sp.GetRequiredService<Shequ.Domain.Common.IPersonalDataSealer>();
            var today = DateOnly.FromDateTime(DateTime.Now);
            var quarter = ((today.Month - 1) / 3) + 1;
            var period = await db.AssessmentPeriods.SingleOrDefaultAsync(p => p.Year == today.Year && p.Quarter == quarter);
            if (period is null)
            {
                period = AssessmentPeriod.For("320591", today.Year, quarter);
                db.AssessmentPeriods.Add(period);
                await db.SaveChangesAsync();
            }

            var campaign = EvaluationCampaign.Start(period, "320591", new SampleRule(2, 20), 1, string.Empty, string.Empty, DateTime.UtcNow, 14, "faults");
            db.EvaluationCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            var subject = await db.ServiceRecords.IgnoreQueryFilters().Select(r => new { r.WorkerId, r.ServiceItemId }).FirstAsync();
            var tokens = new List<(string, int, int)>();
            for (var i = 0; i < count; i++)
            {
                var token = Base64UrlTextEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                var invitation = EvaluationInvitation.For(campaign.Id, i + 1, [(subject.WorkerId, subject.ServiceItemId)], DateTime.UtcNow.AddDays(1));
                invitation.Protect(ApiTokens.Hash(token), ApiTokens.Hash("code-" + token));
                invitation.Seal(sealer);
                db.EvaluationInvitations.Add(invitation);
                tokens.Add((token, subject.WorkerId, subject.ServiceItemId));
            }

            await db.SaveChangesAsync();
            return tokens;
        });
    }

    private static object Ballot((string Token, int Worker, int Item) t) => new { token = t.Token, grades = new[] { new { workerId = t.Worker, itemId = t.Item, grade = "良" } } };

    private Task<int> StoredAsync(IEnumerable<string> tokens)
    {
        var hashes = tokens.Select(ApiTokens.Hash).ToList();
        return app.WithDbAsync((db, _) => db.EvaluationInvitations.IgnoreQueryFilters().CountAsync(i => hashes.Contains(i.TokenHash) && i.IsUsed));
    }

    [Fact]
    public async Task D18_one_token_sent_a_hundred_times_through_two_processes_is_stored_once_fifty_times_over()
    {
        var tokens = await TokensAsync(50);
        await using var a = await ServerProcess.StartAsync(app);
        await using var b = await ServerProcess.StartAsync(app);
        using var toA = new HttpClient { BaseAddress = a.BaseAddress };
        using var toB = new HttpClient { BaseAddress = b.BaseAddress };

        foreach (var token in tokens)
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
                (await (i % 2 == 0 ? toA : toB).PostAsJsonAsync("/api/v1/evaluations", Ballot(token))).StatusCode));
            statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1, string.Join(",", statuses.GroupBy(s => s).Select(g => $"{g.Key}×{g.Count()}")));
            statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(99);
        }

        var ballots = await app.WithDbAsync((db, _) => db.PendingBallots.CountAsync());
        ballots.ShouldBeGreaterThanOrEqualTo(50);
        (await StoredAsync(tokens.Select(t => t.Token))).ShouldBe(50);
    }

    [Fact]
    public async Task E22_an_import_killed_twenty_times_leaves_all_or_nothing_and_a_rerun_imports_exactly_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("shequ-kill-").FullName;
        var file = Path.Combine(folder, "residents.xlsx");
        const int rows = 3000;
        await using (var stream = File.Create(file))
        {
            await stream.SaveAsAsync(Enumerable.Range(0, rows).Select(i => new Dictionary<string, object?>
            {
                [ResidentImport.HouseholdKey] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ResidentImport.Region] = ShequFactory.CommunityA + "001",
                [ResidentImport.Building] = (200 + (i % 50)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ResidentImport.Unit] = "2",
                [ResidentImport.Room] = (i / 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ResidentImport.VillageGroup] = null,
                [ResidentImport.Dwelling] = "楼房",
                [ResidentImport.Name] = "断电测试" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ResidentImport.IdNumberColumn] = IdNumber.Compose("110106", new DateOnly(1970, 1, 1).AddDays(i), i % 1000).Value,
                [ResidentImport.Mobile] = $"137{i:00000000}",
                [ResidentImport.Relation] = "户主",
            }));
        }

        Task<int> ImportedAsync() => app.WithDbAsync((db, _) => db.Residents.IgnoreQueryFilters().CountAsync(r => r.Name.StartsWith("断电测试")));
        var random = new Random(22);
        var killedMidway = 0;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var import = Process.Start(CliProcess.StartInfo(app, ["import", "residents", file]))!;
            import.StandardInput.Close();
            _ = import.StandardOutput.ReadToEndAsync();
            _ = import.StandardError.ReadToEndAsync();
            await Task.Delay(random.Next(200, 2_000));
            if (!import.HasExited)
            {
                import.Kill(entireProcessTree: true);
                killedMidway++;
            }

            await import.WaitForExitAsync();
            var imported = await ImportedAsync();
            (imported is 0 or rows).ShouldBeTrue($"attempt {attempt}: {imported} residents, neither none nor the whole file");
            if (!app.IsPostgres)
            {
                (await app.WithDbAsync(async (db, _) => await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync())).ShouldBe(["ok"]);
            }
        }

        killedMidway.ShouldBeGreaterThanOrEqualTo(10, "most attempts must really die before the import ends");
        var finish = await CliProcess.RunAsync(app, null, "import", "residents", file);
        finish.Exit.ShouldBe(0, finish.Err);
        var again = await CliProcess.RunAsync(app, null, "import", "residents", file);
        again.Exit.ShouldBe(0, again.Err);
        again.Out.ShouldContain($"{rows} unchanged");
        (await ImportedAsync()).ShouldBe(rows, "exactly the file's rows, no duplicates");
    }

    [Fact]
    public async Task F26_a_burst_at_twice_the_campaign_rate_mixed_with_staff_reading_gives_no_errors_and_stores_every_201()
    {
        // Short form of the SLO run (the timed form is `bench/run`, F26): five seconds, open loop.
        var tokens = await TokensAsync(110 * 5);
        await app.CreateUserAsync("fault-reader", Shequ.Domain.Access.Roles.DistrictAdmin, "320591");
        var bearer = await app.IssueTokenAsync("fault-reader");
        await using var server = await ServerProcess.StartAsync(app);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);

        var sent = new List<Task<(string Kind, string? Token, HttpStatusCode? Status)>>();
        async Task<(string, string?, HttpStatusCode?)> SendAsync(string kind, string? token, Func<Task<HttpResponseMessage>> send)
        {
            try
            {
                using var response = await send();
                return (kind, token, response.StatusCode);
            }
            catch (HttpRequestException)
            {
                return (kind, token, null);
            }
        }

        for (var tick = 0; tick < 50; tick++)
        {
            foreach (var t in tokens.Skip(tick * 11).Take(11))
            {
                sent.Add(SendAsync("submit", t.Token, () => http.PostAsJsonAsync("/api/v1/evaluations", Ballot(t))));
            }

            for (var i = 0; i < 10; i++)
            {
                var path = i % 2 == 0 ? "/" : "/api/v1/residents?q=" + Uri.EscapeDataString("张");
                sent.Add(SendAsync("read", null, () => http.GetAsync(path)));
            }

            await Task.Delay(100);
        }

        var answers = await Task.WhenAll(sent);
        var errors = answers.Count(a => a.Status is null || ((int)a.Status >= 400 && a.Status != HttpStatusCode.TooManyRequests));
        errors.ShouldBeLessThanOrEqualTo(answers.Length / 1000, string.Join(",", answers.GroupBy(a => (a.Kind, a.Status)).Select(g => $"{g.Key}×{g.Count()}")));
        var created = answers.Where(a => a.Kind == "submit" && a.Status == HttpStatusCode.Created).Select(a => a.Token!).ToList();
        created.Count.ShouldBe(tokens.Count);
        (await StoredAsync(created)).ShouldBe(created.Count);
    }

    [Fact]
    public async Task F27_past_the_ballot_queue_submissions_are_turned_away_with_retry_after_and_none_is_half_stored()
    {
        var tokens = await TokensAsync(600);
        await using var server = await ServerProcess.StartAsync(app, new Dictionary<string, string> { ["Shequ__BallotBox__QueueCapacity"] = "16", ["Shequ__BallotBox__MaxBatch"] = "8" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var answers = await Task.WhenAll(tokens.Select(async t =>
        {
            var response = await http.PostAsJsonAsync("/api/v1/evaluations", Ballot(t));
            return (t.Token, response.StatusCode, RetryAfter: response.Headers.RetryAfter is not null);
        }));

        answers.Select(a => a.StatusCode).Distinct().ShouldBeSubsetOf([HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable]);
        answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ShouldAllBe(a => a.RetryAfter);
        (await StoredAsync(answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Token))).ShouldBe(answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        (await StoredAsync(answers.Where(a => a.StatusCode != HttpStatusCode.Created).Select(a => a.Token))).ShouldBe(0, "a refused ballot is not half-stored");
    }

    [Fact]
    public async Task F28_one_of_two_instances_killed_under_load_loses_no_write_and_the_other_carries_on()
    {
        var tokens = await TokensAsync(400);
        await using var a = await ServerProcess.StartAsync(app);
        await using var b = await ServerProcess.StartAsync(app);
        using var toA = new HttpClient { BaseAddress = a.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var toB = new HttpClient { BaseAddress = b.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        // A balancer that, like nginx's proxy_next_upstream error, sends a request the dead instance could not take to the other.
        var answers = new System.Collections.Concurrent.ConcurrentBag<(string Token, HttpStatusCode? Status)>();
        var killed = Task.Run(async () =>
        {
            await Task.Delay(400);
            await a.KillAsync();
        });
        await Parallel.ForEachAsync(tokens.Select((t, i) => (t, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (x, ct) =>
        {
            HttpStatusCode? status = null;
            foreach (var client in x.i % 2 == 0 ? new[] { toA, toB } : [toB, toA])
            {
                try
                {
                    status = (await client.PostAsJsonAsync("/api/v1/evaluations", Ballot(x.t), ct)).StatusCode;
                    break;
                }
                catch (HttpRequestException)
                {
                    // The connection failed before the request was taken; the other instance gets it.
                }
            }

            answers.Add((x.t.Token, status));
        });
        await killed;

        var created = answers.Where(x => x.Status == HttpStatusCode.Created).Select(x => x.Token).ToList();
        var failed = answers.Count(x => x.Status is null || (x.Status != HttpStatusCode.Created && x.Status != HttpStatusCode.Conflict));
        failed.ShouldBeLessThanOrEqualTo(tokens.Count / 100, "at most 1 % errors while an instance dies");
        (await StoredAsync(created)).ShouldBe(created.Count, "every 201 was stored: no write lost with the instance");
        b.HasExited.ShouldBeFalse();
        (await toB.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task F28_shequ_rides_out_a_postgresql_restart_without_being_restarted_and_loses_no_write()
    {
        var restart = Environment.GetEnvironmentVariable("SHEQU_TEST_POSTGRES_RESTART");
        Assert.SkipUnless(app.IsPostgres && !string.IsNullOrEmpty(restart), "needs PostgreSQL and a command that restarts it (.ci/run sets SHEQU_TEST_POSTGRES_RESTART)");
        var tokens = await TokensAsync(40);
        await using var server = await ServerProcess.StartAsync(app);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        (await http.PostAsJsonAsync("/api/v1/evaluations", Ballot(tokens[0]))).StatusCode.ShouldBe(HttpStatusCode.Created);

        using (var pg = Process.Start("bash", ["-c", restart!]))
        {
            await pg.WaitForExitAsync();
            pg.ExitCode.ShouldBe(0, "the restart command failed");
        }

        Npgsql.NpgsqlConnection.ClearAllPools(); // the test's own connections died with the server too

        // Submissions during recovery may be turned away (503, Retry-After); each is sent again until it is taken.
        var answers = new List<HttpStatusCode>();
        foreach (var t in tokens.Skip(1))
        {
            HttpStatusCode status = default;
            for (var attempt = 0; attempt < 60; attempt++)
            {
                status = (await http.PostAsJsonAsync("/api/v1/evaluations", Ballot(t))).StatusCode;
                if (status != HttpStatusCode.ServiceUnavailable && status != HttpStatusCode.InternalServerError)
                {
                    break;
                }

                await Task.Delay(500);
            }

            answers.Add(status);
        }

        server.HasExited.ShouldBeFalse("Shequ itself was never restarted");
        answers.ShouldAllBe(s => s == HttpStatusCode.Created);
        (await http.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StoredAsync(tokens.Select(t => t.Token))).ShouldBe(tokens.Count);
    }
}
