using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shequ.Bench;
using Shequ.Domain.Assessment;
using Shequ.Web.Modules.Access;
using Shequ.Web.Cli;
using Shequ.Web.Seeding;

// The scenarios of ../shared/design/performance.md, each printed as one machine-readable line with its ratio to a
// ceiling measured in this run. `hello PORT` serves the bare minimal API that gives the framework ceiling.
if (args is ["hello", var helloPort])
{
    var hello = WebApplication.CreateSlimBuilder();
    hello.Logging.ClearProviders();
    hello.WebHost.UseUrls($"http://127.0.0.1:{helloPort}");
    var helloApp = hello.Build();
    helloApp.MapGet("/hello", () => "Hello");
    await helloApp.RunAsync();
    return 0;
}

var quick = args.Contains("--quick");
var trace = args.Contains("--trace");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase);
bool Runs(string scenario) => only is null || only.Contains(scenario);
var households = quick ? 20_000 : 400_000;
var scale = quick ? WorkloadScale.Quick : WorkloadScale.District;
var loadSeconds = quick ? 5 : 10;
var p1Ballots = quick ? 120_000 : 300_000;
var p1Connections = int.TryParse(Environment.GetEnvironmentVariable("SHEQU_BENCH_P1_CONNECTIONS"), out var c) ? c : 64;
var webDll = Environment.GetEnvironmentVariable("SHEQU_WEB_DLL") ?? throw new InvalidOperationException("bench/run sets SHEQU_WEB_DLL to the Release build of Shequ.Web");
var benchDll = typeof(BenchDb).Assembly.Location;
var failed = false;

using var bench = new BenchDb();
await bench.SetupAsync(households, scale);
var workload = bench.Workload!;
foreach (var (name, value) in bench.Settings())
{
    // The in-process CLI (token create, period close) reads the same settings as the server process.
    Environment.SetEnvironmentVariable(name, value);
}

// Ceilings: durable and relaxed single-row commits, bulk insert.
var fullCommits = Ceilings.SqliteCommitsPerSecond(bench.Work, "FULL", 10_000);
var normalCommits = Ceilings.SqliteCommitsPerSecond(bench.Work, "NORMAL", 10_000);
var bulkRows = Ceilings.SqliteBulkRowsPerSecond(bench.Work, quick ? 200_000 : 1_000_000);
Console.WriteLine($"ceiling sqlite commits: FULL {fullCommits:0}/s, NORMAL {normalCommits:0}/s, bulk insert {bulkRows:0} rows/s");

// PostgreSQL ceilings, when bench/run has a server for them (it starts a throwaway cluster if PostgreSQL is installed).
if (Environment.GetEnvironmentVariable("SHEQU_BENCH_POSTGRES") is { Length: > 0 } pg)
{
    var copyRows = await PostgresCeilings.CopyRowsPerSecondAsync(pg, quick ? 200_000 : 1_000_000);
    var tps = await PostgresCeilings.PgbenchTpsAsync(pg, quick ? 5 : 15);
    Console.WriteLine($"ceiling postgresql: binary COPY {copyRows:0} rows/s, pgbench -c 8 -j 2 {tps:0} tps");
}
else
{
    Console.WriteLine("ceiling postgresql: not measured (no server; install postgresql and bench/run starts one)");
}

// The framework ceiling: a bare minimal API under the same load generator.
var helloPortNumber = ServerProcess.FreePort();
WrkResult helloRun;
await using (var helloServer = await ServerProcess.StartAsync(benchDll, ["hello", helloPortNumber.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }, helloPortNumber, "/hello"))
{
    helloRun = await Wrk.RunAsync(helloServer.BaseUrl + "/hello", loadSeconds);
}

Console.WriteLine($"ceiling framework: hello {helloRun.RequestsPerSecond:0} req/s, p99 {helloRun.P99Ms:0.0} ms");

// P1 ballots: a campaign of its own, one prepared body per token.
var bodies = Path.Combine(bench.Work, "p1-bodies.txt");
var p1Campaign = Runs("P1") ? await P1.PrepareAsync(bench, workload, p1Ballots, bodies) : 0;
var sloSeconds = quick ? 10 : 30;
var sloBodies = Path.Combine(bench.Work, "f26-bodies.txt");
var sloCampaign = Runs("F26") ? await P1.PrepareAsync(bench, workload, 110 * sloSeconds + 100, sloBodies) : 0;

if (Runs("P1"))
{
    // The writer alone, without HTTP: how many ballots a second one group-committing writer stores here.
    var alone = await P1.WriterAloneAsync(bench, workload, quick ? 20_000 : 50_000);
    Console.WriteLine($"P1 writer alone: {alone.Rate:0} ballots/s, {alone.Batches} batches, durable commits ceiling {fullCommits:0}/s");
}

// Shequ itself, in Production mode, on the database seeded above.
var port = ServerProcess.FreePort();
await using (var shequ = await ServerProcess.StartAsync(webDll, [], bench.Settings(port), port, "/healthz"))
{
    var coldStart = shequ.ReadySeconds;
    await Task.Delay(3_000);
    var idleRss = shequ.RssMb();
    Console.WriteLine($"P7 cold start: ready in {coldStart:0.00} s on an existing database ({bench.Residents} residents), target <= 3 s {(coldStart <= 3 ? "OK" : "MISSED")}");

    double loadRss = double.NaN;
    if (Runs("P1"))
    {
        var cpuBefore = shequ.CpuSeconds();
        var ((run, stored), peak) = await shequ.PeakRssDuringAsync(async () =>
        {
            var load = Wrk.RunAsync(shequ.BaseUrl + "/api/v1/evaluations", loadSeconds, connections: p1Connections, script: Path.Combine(AppContext.BaseDirectory, "p1-submit.lua"), scriptArgs: [bodies, "2"]);
            if (trace)
            {
                await Profile.TraceAsync(shequ.Pid, loadSeconds - 1, Path.Combine("bench", "results", "p1"));
            }

            var r = await load;
            return (r, await P1.StoredAsync(bench, p1Campaign));
        });
        loadRss = peak;
        var cpu = (shequ.CpuSeconds() - cpuBefore) / loadSeconds;
        var ok = run.Requests - run.NotOk;
        var ratio = run.RequestsPerSecond / helloRun.RequestsPerSecond;
        // wrk stops with up to one request per connection in flight; those may be stored without being counted.
        var exact = stored >= ok && stored <= ok + 64;
        failed |= !exact;
        Console.WriteLine(
            $"P1 submit: {run.RequestsPerSecond:0} req/s, hello: {helloRun.RequestsPerSecond:0} req/s, ratio {ratio:0.00}, p99 {run.P99Ms:0.0} ms, server CPU {cpu:0.00} cores, " +
            $"durable commits ceiling {fullCommits:0}/s, answered 201={ok} stored={stored} refused={run.NotOk} {(exact ? "OK" : "LOST")}, target >= 10000/s {(run.RequestsPerSecond >= 10_000 ? "OK" : "MISSED")}");
    }

    if (Runs("P5"))
    {
        _ = await P5.TokenAsync("bench-admin");
        var cookie = await P5.SessionCookieAsync(shequ.BaseUrl, "bench-admin");
        var raw = await P5.RawAggregateMsAsync(bench);
        var dashboard = Wrk.RunAsync(shequ.BaseUrl + "/", loadSeconds, connections: 8, script: Wrk.LatencyScript, headers: new Dictionary<string, string> { ["Cookie"] = cookie });
        if (trace)
        {
            await Profile.TraceAsync(shequ.Pid, loadSeconds - 1, Path.Combine("bench", "results", "p5"));
        }

        var run = await dashboard;
        Console.Error.WriteLine(run.Raw);
        var fine = run.NotOk == 0 && run.Requests > 0;
        failed |= !fine;
        Console.WriteLine(
            $"P5 dashboard (signed-in district administrator): p95 {run.P95Ms:0.0} ms, p50 {run.P50Ms:0.0} ms, p99 {run.P99Ms:0.0} ms, {run.RequestsPerSecond:0} req/s at 8 connections, counting residents and this month's records in raw SQL {raw:0.0} ms, " +
            $"residents={bench.Residents} records={workload.ServiceRecords}, errors={run.NotOk}, target p95 <= 200 ms {(run.P95Ms <= 200 ? "OK" : "MISSED")}");
    }

    if (Runs("F26"))
    {
        // Twice the district's campaign hour (50k submissions/h ≈ 14/s → burst 55/s, doubled 110/s) and ≈ 400 req/s in all.
        var token = await P5.TokenAsync("bench-slo");
        var cookie = await P5.SessionCookieAsync(shequ.BaseUrl, "bench-slo");
        var names = await P5.NamePrefixesAsync(bench, 200);
        var samples = await Slo.RunAsync(new Uri(shequ.BaseUrl), token, cookie, await File.ReadAllLinesAsync(sloBodies), names, sloSeconds, 110, 290);
        var submits = samples.Where(x => x.Kind == "submit").ToList();
        var created = submits.Count(x => x.Status == System.Net.HttpStatusCode.Created);
        var stored = await P1.StoredAsync(bench, sloCampaign);
        var errors = samples.Count(x => x.Status is null || ((int)x.Status >= 400 && x.Status != System.Net.HttpStatusCode.TooManyRequests && !(x.Kind == "submit" && x.Status == System.Net.HttpStatusCode.Conflict)));
        var (sp95, sp99) = (Slo.Percentile(submits, 0.95), Slo.Percentile(submits, 0.99));
        var pageP99 = Slo.Percentile(samples.Where(x => x.Kind == "page"), 0.99);
        var searchP95 = Slo.Percentile(samples.Where(x => x.Kind == "search"), 0.95);
        var errorRate = (double)errors / Math.Max(1, samples.Count);
        var met = sp95 <= 300 && sp99 <= 1000 && pageP99 <= 500 && searchP95 <= 500 && errorRate < 0.001 && stored == created;
        Console.WriteLine(
            $"F26 SLO at 2x burst: {samples.Count / (double)sloSeconds:0} req/s for {sloSeconds} s, submit p95 {sp95:0} ms p99 {sp99:0} ms (<= 300 / 1000), page p99 {pageP99:0} ms (<= 500), " +
            $"search p95 {searchP95:0} ms (<= 500), errors {errors}/{samples.Count} (< 0.1%), stored={stored} answered 201={created} {(met ? "OK" : "MISSED")}");
    }

    Console.WriteLine($"P6 memory: idle RSS {idleRss:0} MB (target <= 200 {(idleRss <= 200 ? "OK" : "MISSED")}), under P1 load {loadRss:0} MB (target <= 500 {(loadRss <= 500 ? "OK" : double.IsNaN(loadRss) ? "NOT RUN" : "MISSED")})");
}

if (Runs("P4"))
{
    var (ours, raw, scored) = await P4.CloseAsync(bench, workload.PeriodId);
    Console.WriteLine(
        $"P4 quarter close: {ours:0.00} s, one SQL aggregate {raw:0.00} s, ratio {ours / raw:0.0}, workers={workload.Workers} evaluations={workload.Evaluations + (Runs("P1") ? p1Ballots : 0)} " +
        $"records={workload.ServiceRecords}, scored={scored}, target <= 10 s on SQLite {(ours <= 10 ? "OK" : "MISSED")}");
}

if (Runs("P2") || Runs("P3"))
{
    failed |= !await RegistryScenarios.RunAsync(bench, bench.Residents, quick ? 30_000 : 100_000, trace);
}

return failed ? 1 : 0;

/// <summary>P1: a campaign whose invitations the load submits, one body per token.</summary>
internal static class P1
{
    public static async Task<int> PrepareAsync(BenchDb bench, WorkloadCounts workload, int count, string bodiesFile)
    {
        await using var db = bench.NewContext();
        var period = await db.AssessmentPeriods.SingleAsync(p => p.Id == workload.PeriodId);
        var campaign = EvaluationCampaign.Start(period, period.DistrictCode, new SampleRule(2, 20), 1, string.Empty, string.Empty, DateTime.UtcNow, 14, "bench");
        db.EvaluationCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        var subjects = await db.ServiceRecords.AsNoTracking().OrderBy(r => r.Id).Take(1_000).Select(r => new { r.WorkerId, r.ServiceItemId }).ToListAsync();
        await using var writer = new StreamWriter(bodiesFile);
        var expires = DateTime.UtcNow.AddDays(14);
        for (var done = 0; done < count; done += 10_000)
        {
            await using var batch = bench.NewContext();
            batch.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + 10_000); i++)
            {
                var s = subjects[i % subjects.Count];
                var token = Microsoft.AspNetCore.Authentication.Base64UrlTextEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                var invitation = EvaluationInvitation.For(campaign.Id, i + 1, [(s.WorkerId, s.ServiceItemId)], expires);
                invitation.Protect(ApiTokens.Hash(token), ApiTokens.Hash("code" + token));
                invitation.Seal(bench.Sealer);
                batch.EvaluationInvitations.Add(invitation);
                await writer.WriteLineAsync(JsonSerializer.Serialize(new { token, grades = new[] { new { workerId = s.WorkerId, itemId = s.ServiceItemId, grade = "良" } } }));
            }

            batch.ChangeTracker.DetectChanges();
            await batch.SaveChangesAsync();
        }

        return campaign.Id;
    }

    public static async Task<(double Rate, int Batches)> WriterAloneAsync(BenchDb bench, WorkloadCounts workload, int count)
    {
        var bodies = Path.Combine(bench.Work, "alone.txt");
        await PrepareAsync(bench, workload, count, bodies);
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Shequ.Data.Access.ICurrentActor>(new BenchActor(null));
        services.AddDbContext<Shequ.Data.ShequDbContext>(o => Shequ.Data.ShequDatabase.Configure(o, Shequ.Data.DatabaseProvider.Sqlite, $"Data Source={bench.DbFile}"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Shequ.Domain.Common.IPersonalDataSealer>(bench.Sealer);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Shequ.Web.Modules.Assessment.BallotBoxOptions { QueueCapacity = count + 1 }));
        services.AddSingleton<Shequ.Web.Modules.Assessment.BallotBox>();
        await using var provider = services.BuildServiceProvider();
        var box = provider.GetRequiredService<Shequ.Web.Modules.Assessment.BallotBox>();
        var ballots = (await File.ReadAllLinesAsync(bodies)).Select(l => JsonDocument.Parse(l).RootElement).Select(e =>
        {
            var g = e.GetProperty("grades")[0];
            return (Hash: ApiTokens.Hash(e.GetProperty("token").GetString()!), Grade: new Shequ.Web.Modules.Assessment.CastGrade(g.GetProperty("workerId").GetInt32(), g.GetProperty("itemId").GetInt32(), Shequ.Domain.Common.Grade.Good, null));
        }).ToList();
        await box.StartAsync(default);
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(ballots.Select(b => box.CastAsync(b.Hash, false, [b.Grade], default)));
        clock.Stop();
        await box.StopAsync(default);
        if (results.Any(r => !r.Succeeded))
        {
            throw new InvalidOperationException("the writer refused prepared ballots: " + results.First(r => !r.Succeeded).Error);
        }

        return (count / clock.Elapsed.TotalSeconds, box.Batches);
    }

    public static async Task<int> StoredAsync(BenchDb bench, int campaignId)
    {
        await using var db = bench.NewContext();
        // Ballots wait sealed until the campaign closes (ADR-011); each bench ballot holds one grade.
        return await db.PendingBallots.CountAsync(p => p.CampaignId == campaignId);
    }
}

/// <summary>P5: the district administrator's dashboard, through a bearer token from the CLI.</summary>
internal static class P5
{
    public static async Task<string> TokenAsync(string user)
    {
        var quiet = new StringWriter();
        if (await ShequCli.RunAsync(["admin", "create", "--user", user, "--role", "district-admin", "--region", DemoDistrict.DistrictCode], new StringReader("bench-password-1\n"), quiet) != 0)
        {
            throw new InvalidOperationException("admin create failed: " + quiet);
        }

        var output = new StringWriter();
        if (await ShequCli.RunAsync(["token", "create", "--user", user, "--days", "1"], TextReader.Null, output) != 0)
        {
            throw new InvalidOperationException("token create failed: " + output);
        }

        return output.ToString().Trim().Split('\n')[^1].Trim();
    }

    /// <summary>Signs in through the sign-in form, as staff do, and returns the session cookie for a Cookie header.</summary>
    public static async Task<string> SessionCookieAsync(string baseUrl, string user)
    {
        var jar = new System.Net.CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var form = await http.GetStringAsync("/Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user,
            ["Input.Password"] = "bench-password-1",
            ["__RequestVerificationToken"] = token,
        }));
        if (signIn.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {user} failed: {signIn.StatusCode}");
        }

        return jar.GetCookieHeader(new Uri(baseUrl));
    }

    /// <summary>Two-character name prefixes of real residents, for searches.</summary>
    public static async Task<List<string>> NamePrefixesAsync(BenchDb bench, int count)
    {
        await using var db = bench.NewContext();
        var names = await db.Residents.AsNoTracking().OrderBy(r => r.Id).Take(count * 7).Select(r => r.Name).ToListAsync();
        return [.. names.Where((_, i) => i % 7 == 0).Select(n => n[..Math.Min(2, n.Length)])];
    }

    /// <summary>What the dashboard's figures cost in hand-written SQL: residents per street, this month's records per street.</summary>
    public static async Task<double> RawAggregateMsAsync(BenchDb bench)
    {
        await using var conn = new SqliteConnection($"Data Source={bench.DbFile}");
        await conn.OpenAsync();
        var clock = Stopwatch.StartNew();
        foreach (var sql in new[]
        {
            "SELECT substr(RegionCode, 1, 9), COUNT(*) FROM Residents GROUP BY 1",
            "SELECT substr(RegionCode, 1, 9), COUNT(*) FROM ServiceRecords WHERE OccurredAt >= $from GROUP BY 1",
        })
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$from", new DateTime(DateTime.Today.Year, DateTime.Today.Month, 1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }

        return clock.Elapsed.TotalMilliseconds;
    }
}

/// <summary>P4: `period close` in process (closing the campaigns and scoring every worker) against one SQL aggregate.</summary>
internal static class P4
{
    public static async Task<(double Seconds, double RawSeconds, int Scored)> CloseAsync(BenchDb bench, int periodId)
    {
        var raw = Stopwatch.StartNew();
        await using (var conn = new SqliteConnection($"Data Source={bench.DbFile}"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT WorkerId, Grade, COUNT(*) FROM Evaluations WHERE CampaignId IN (SELECT Id FROM EvaluationCampaigns WHERE PeriodId = $p) GROUP BY WorkerId, Grade";
            cmd.Parameters.AddWithValue("$p", periodId);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }

        raw.Stop();
        var output = new StringWriter();
        var ours = Stopwatch.StartNew();
        var exit = await ShequCli.RunAsync(["period", "close", "--period", periodId.ToString(CultureInfo.InvariantCulture)], TextReader.Null, output);
        ours.Stop();
        if (exit != 0)
        {
            throw new InvalidOperationException("period close failed: " + output);
        }

        var scored = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"(\d+)\D*worker") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        return (ours.Elapsed.TotalSeconds, raw.Elapsed.TotalSeconds, scored);
    }
}
