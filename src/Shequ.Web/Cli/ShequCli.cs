using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Domain.Access;
using Shequ.Domain.Organization;
using Shequ.Web.Access;
using Shequ.Web.Seeding;
using MiniExcelLibs;
using Spectre.Console;
using Region = Shequ.Domain.Organization.Region;

namespace Shequ.Web.Cli;

/// <summary>
/// The host binary doubles as the admin CLI: <c>dotnet run --project src/Shequ.Web -- &lt;command&gt;</c>.
/// Exit 0 on success; otherwise 1 with one line saying why on standard error.
/// </summary>
public static class ShequCli
{
    /// <summary>
    /// A first argument that is neither an option (<c>--urls …</c>) nor a configuration pair (<c>urls=…</c>) is a
    /// command, so a mistyped command fails fast instead of starting the server.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" || (!args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal)));

    public static async Task<int> RunAsync(string[] args, TextReader? stdin = null, TextWriter? stdout = null)
    {
        stdin ??= Console.In;
        stdout ??= Console.Out;
        if (args[0] is "help" or "--help" or "-h" || args.Contains("--help"))
        {
            await stdout.WriteLineAsync(Help);
            return 0;
        }

        try
        {
            await using var app = BuildHost();
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            return (args[0], args.ElementAtOrDefault(1)) switch
            {
                ("migrate", _) => await MigrateAsync(sp, stdout),
                ("seed", "demo") => await SeedDemoAsync(sp, stdout),
                ("seed", "--households") => await SeedHouseholdsAsync(sp, args, stdout),
                ("import", "residents") => await ImportResidentsAsync(sp, args, stdout),
                ("export", "residents") => await ExportResidentsAsync(sp, Options(args), stdout),
                ("admin", "create") => await CreateAccountAsync(sp, Options(args), stdin, stdout),
                ("user", "disable") => await DisableAsync(sp, Options(args), stdout),
                ("token", "create") => await CreateTokenAsync(sp, Options(args), stdout),
                ("campaign", "create") => await CreateCampaignAsync(sp, Options(args), stdout),
                ("period", "close") => await ClosePeriodAsync(sp, Options(args), stdout),
                ("backup", _) => await BackupAsync(sp, Options(args, 1), stdout),
                _ => throw new CliException($"unknown command '{string.Join(' ', args.Take(2))}'; run --help"),
            };
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.GetBaseException().Message.ReplaceLineEndings(" "));
            return 1;
        }
    }

    public const string Help = """
        Shequ 社区 — command line

          migrate                                   apply database migrations (the Production deploy step)
          seed demo                                 seed the demo district into an empty database
          admin create --user NAME --role ROLE [--region CODE] [--name DISPLAY]
                                                    create a staff account; the password is read from standard
                                                    input when piped, otherwise generated and printed once.
                                                    ROLE: system-admin (no region: sees everything), district-admin,
                                                    street-admin, community-staff, social-worker, inspector,
                                                    opinion-volunteer (a community; opinion pages only)
          user disable --user NAME                  disable an account and end its sessions
          import residents FILE.xlsx [--dry-run]    import households and residents from the template; exit 0 when
                                                    imported, 2 on row errors (FILE.errors.xlsx is written beside the
                                                    file, nothing is imported), 3 when the file itself is refused
          export residents --out FILE.xlsx [--region CODE]
                                                    write residents in the import template's columns (full values,
                                                    audited), so an export can be imported again
          seed --households N [--seed S]            add N generated households to the demo district
          token create --user NAME [--days N]       print a bearer token for /api/v1 on the last line (default 90 days)
          campaign create --period ID --region CODE [--per-item N] [--max-per-worker N] [--seed S] [--days N]
                                                    draw evaluators at random from the households each worker served
                                                    in the period and start an evaluation campaign; prints its counts
          period close --period ID                  close a period and its campaigns (slip keys are destroyed,
                                                    unused codes expire) and print how many workers have a score
          backup --out FILE                         a consistent copy while Shequ runs: SQLite by VACUUM INTO (the
                                                    copy's integrity is checked), PostgreSQL by pg_dump (custom format)

        Without a command the web app starts. Configuration: Shequ__Database__Provider=Sqlite|Postgres,
        ConnectionStrings__Shequ=...
        """;

    private static WebApplication BuildHost()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddShequ();
        return builder.Build();
    }

    private static async Task<int> BackupAsync(IServiceProvider sp, Dictionary<string, string> o, TextWriter stdout)
    {
        await stdout.WriteLineAsync(await Backup.RunAsync(sp.GetRequiredService<ShequDbContext>(), Required(o, "out")));
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args, int first = 2)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = first; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliException($"unexpected argument '{args[i]}'");
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliException($"option {args[i]} needs a value");
            }

            map[args[i][2..]] = args[++i];
        }

        return map;
    }

    private static int IntOption(Dictionary<string, string> o, string key, int fallback) =>
        !o.TryGetValue(key, out var v) ? fallback
        : int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw new CliException($"--{key} must be a whole number");

    private static async Task<int> CreateCampaignAsync(IServiceProvider sp, Dictionary<string, string> o, TextWriter stdout)
    {
        var request = new Assessment.CampaignRequest(
            IntOption(o, "period", 0), Required(o, "region"),
            IntOption(o, "per-item", Shequ.Domain.Assessment.SampleRule.Default.PerItem),
            IntOption(o, "max-per-worker", Shequ.Domain.Assessment.SampleRule.Default.MaxPerWorker),
            o.TryGetValue("seed", out var seed) ? long.TryParse(seed, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : throw new CliException("--seed must be a whole number") : null,
            IntOption(o, "days", Shequ.Domain.Assessment.EvaluationCampaign.DefaultDays));
        (Shequ.Domain.Assessment.EvaluationCampaign? Campaign, string? Error, int Status) result = default;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("sampling evaluators", maxValue: 1);
            result = await sp.GetRequiredService<Assessment.CampaignDesk>().StartAsync(request, "cli", default);
            task.Value = 1;
        });
        if (result.Campaign is not { } c)
        {
            throw new CliException(result.Error ?? "the campaign could not start");
        }

        await stdout.WriteLineAsync($"campaign {c.Id}: {c.Workers} workers, {c.Invitations} households drawn, seed {c.Seed}, open until {c.ExpiresAtUtc.ToLocalTime():yyyy-MM-dd HH:mm}");
        return 0;
    }

    private static async Task<int> ClosePeriodAsync(IServiceProvider sp, Dictionary<string, string> o, TextWriter stdout)
    {
        var db = sp.GetRequiredService<ShequDbContext>();
        var periodId = IntOption(o, "period", 0);
        var period = await db.AssessmentPeriods.SingleOrDefaultAsync(p => p.Id == periodId) ?? throw new CliException($"no period {periodId}");
        if (period.Status != Shequ.Domain.Assessment.PeriodStatus.Open)
        {
            throw new CliException($"period {period.Label} is already closed");
        }

        var open = await db.EvaluationCampaigns.CountAsync(c => c.PeriodId == periodId && !c.IsClosed);
        var closed = 0;
        var scored = 0;
        var workers = 0;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var closing = ctx.AddTask("closing campaigns", maxValue: Math.Max(1, open));
            closed = await sp.GetRequiredService<Assessment.PeriodDesk>().CloseAsync(period, default, new Progress<int>(n => closing.Value = n));
            closing.Value = closing.MaxValue;
            var scoring = ctx.AddTask("scoring workers", maxValue: 1);
            var board = await sp.GetRequiredService<Assessment.ScoreBoard>().ComputeAsync(periodId, default);
            workers = board?.Rows.Count ?? 0;
            scored = board?.Rows.Count(r => r.Card.Total is not null) ?? 0;
            scoring.Value = 1;
        });
        await stdout.WriteLineAsync($"period {period.Label} closed: {closed} campaigns closed, {scored} of {workers} workers have a score");
        return 0;
    }

    private static string Required(Dictionary<string, string> o, string key) =>
        o.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new CliException($"--{key} is required");

    private static async Task<int> MigrateAsync(IServiceProvider sp, TextWriter stdout)
    {
        var db = sp.GetRequiredService<ShequDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("migrate", maxValue: Math.Max(1, pending.Count));
            await db.Database.MigrateAsync();
            task.Value = task.MaxValue;
        });
        if (db.Database.IsSqlite())
        {
            await SqliteDurability.EnsureAsync(db);
        }

        await DemoDistrict.EnsureRolesAsync(sp);
        var keyCreated = EnsureDataProtectionKey(sp);
        await stdout.WriteLineAsync($"applied {pending.Count} migration(s); database is up to date{(keyCreated ? "; created the first Data Protection key" : string.Empty)}");
        return 0;
    }

    /// <summary>
    /// Item E25: instances started together on an empty key ring would each create a key of their own, and a cookie
    /// or form from one would fail on the other until their rings refresh. The deploy step creates the first key, so
    /// every instance starts with it.
    /// </summary>
    private static bool EnsureDataProtectionKey(IServiceProvider sp)
    {
        var keys = sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(7)))
        {
            return false;
        }

        keys.CreateNewKey(now, now.AddDays(90));
        return true;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider sp, TextWriter stdout)
    {
        var db = sp.GetRequiredService<ShequDbContext>();
        if (await db.Regions.AnyAsync())
        {
            throw new CliException("the database already holds regions; the demo district seeds only an empty one");
        }

        var env = sp.GetRequiredService<IHostEnvironment>();
        var options = sp.GetRequiredService<IOptions<ShequOptions>>().Value;
        await DemoDistrict.SeedAsync(sp, options.DemoPassword, createAccounts: ShequApp.IsDemoEnvironment(env));
        await stdout.WriteLineAsync($"seeded demo district {DemoDistrict.DistrictCode}" +
            (ShequApp.IsDemoEnvironment(env) ? " with demo accounts" : " (no demo accounts outside Development/Demo)"));
        return 0;
    }

    private static async Task<int> SeedHouseholdsAsync(IServiceProvider sp, string[] args, TextWriter stdout)
    {
        if (args.Length < 3 || !int.TryParse(args[2], out var count) || count is < 1 or > 2_000_000)
        {
            throw new CliException("seed --households needs a count between 1 and 2000000");
        }

        var seed = 1;
        if (args.Length >= 5 && args[3] == "--seed" && !int.TryParse(args[4], out seed))
        {
            throw new CliException("--seed must be a whole number");
        }

        var db = sp.GetRequiredService<ShequDbContext>();
        var grids = await db.Regions.Where(r => r.Level == RegionLevel.Grid && r.Code.StartsWith(DemoDistrict.DistrictCode)).OrderBy(r => r.Code).ToListAsync();
        if (grids.Count == 0)
        {
            throw new CliException("the demo district is not there; run seed demo first");
        }

        var generator = new RegistryGenerator(seed, sp.GetRequiredService<Shequ.Domain.Common.IPersonalDataSealer>(), DateOnly.FromDateTime(DateTime.Today));
        var residents = 0;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("households", maxValue: count);
            const int batch = 2_000;
            for (var done = 0; done < count; done += batch)
            {
                for (var i = done; i < Math.Min(count, done + batch); i++)
                {
                    var generated = generator.Next(grids[i % grids.Count], DemoDistrict.DistrictCode);
                    db.Households.Add(generated.Household);
                    db.Residents.AddRange(generated.Members.Select(m => m.Resident));
                    residents += generated.Members.Count;
                }

                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                task.Value = Math.Min(count, done + batch);
            }
        });
        await stdout.WriteLineAsync($"added {count} households with {residents} residents");
        return 0;
    }

    private static async Task<int> ImportResidentsAsync(IServiceProvider sp, string[] args, TextWriter stdout)
    {
        var file = args.ElementAtOrDefault(2) ?? throw new CliException("import residents needs a file");
        var dryRun = args.Contains("--dry-run");
        if (!File.Exists(file))
        {
            throw new CliException($"no such file: {file}");
        }

        var limits = sp.GetRequiredService<IOptions<Infrastructure.Excel.UploadLimits>>().Value;
        await using (var probe = File.OpenRead(file))
        {
            var refusal = Infrastructure.Excel.Inspect(new FormFile(probe, 0, probe.Length, "file", Path.GetFileName(file)), limits);
            if (refusal is not null)
            {
                await Console.Error.WriteLineAsync("refused: " + refusal);
                return 3;
            }
        }

        var db = sp.GetRequiredService<ShequDbContext>();
        var importer = new Registry.ResidentImport(db, sp.GetRequiredService<Shequ.Domain.Common.IPersonalDataSealer>(), DateOnly.FromDateTime(DateTime.Today));
        Registry.ResidentImport.Outcome outcome = null!;
        try
        {
            // The file is read as it is written, so a million rows need not fit in memory; a workbook that turns out
            // unreadable or too long part-way is refused and its transaction rolled back.
            await using var stream = File.OpenRead(file);
            await AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var task = ctx.AddTask(dryRun ? "checking" : "importing", maxValue: 100);
                outcome = await importer.RunAsync(Registry.ResidentImport.Read(stream, limits.MaxRows), dryRun, new Progress<int>(p => task.Value = p));
                task.Value = 100;
            });
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Xml.XmlException or IndexOutOfRangeException)
        {
            await Console.Error.WriteLineAsync("refused: " + (ex is InvalidDataException ? ex.Message : "the workbook cannot be read"));
            return 3;
        }

        if (!outcome.Accepted)
        {
            var report = Path.ChangeExtension(file, null) + ".errors.xlsx";
            await File.WriteAllBytesAsync(report, Registry.ResidentImport.ErrorReport(outcome.Errors));
            await stdout.WriteLineAsync($"{outcome.Errors.Count} row error(s); nothing imported; see {report}");
            return 2;
        }

        if (!dryRun)
        {
            db.Audit(Data.Audit.AuditActions.Import, "Resident", detail: $"{Path.GetFileName(file)}: {outcome.HouseholdsCreated} households, {outcome.ResidentsCreated} residents created, {outcome.Unchanged} unchanged");
            await db.SaveChangesAsync();
        }

        await stdout.WriteLineAsync($"{(dryRun ? "checked" : "imported")}: {outcome.HouseholdsCreated} households, {outcome.ResidentsCreated} residents created, {outcome.Unchanged} unchanged");
        return 0;
    }

    private static async Task<int> ExportResidentsAsync(IServiceProvider sp, Dictionary<string, string> o, TextWriter stdout)
    {
        var output = Required(o, "out");
        var db = sp.GetRequiredService<ShequDbContext>();
        var sealer = sp.GetRequiredService<Shequ.Domain.Common.IPersonalDataSealer>();
        var query = db.Residents.AsNoTracking().Include(r => r.Household).AsQueryable();
        if (o.TryGetValue("region", out var region))
        {
            var level = RegionCode.LevelOf(region) ?? throw new CliException($"{region} is not a region code");
            var prefix = RegionCode.SubtreePrefix(level, region);
            query = query.Where(r => r.RegionCode.StartsWith(prefix));
        }

        var residents = await query.OrderBy(r => r.HouseholdId).ThenBy(r => r.Relation).ToListAsync();
        var rows = residents.Select(r =>
        {
            var head = r.Relation == Shequ.Domain.Registry.RelationToHead.Head;
            var address = head ? r.Household!.Address(sealer) : null;
            return new Dictionary<string, object?>
            {
                [Registry.ResidentImport.HouseholdKey] = r.HouseholdId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [Registry.ResidentImport.Region] = head ? r.Household!.RegionCode : null,
                [Registry.ResidentImport.Building] = address?.Building,
                [Registry.ResidentImport.Unit] = address?.Unit,
                [Registry.ResidentImport.Room] = address?.Room,
                [Registry.ResidentImport.VillageGroup] = address?.VillageGroup,
                [Registry.ResidentImport.Dwelling] = head ? Registry.ResidentImport.DwellingText(r.Household!.DwellingType) : null,
                [Registry.ResidentImport.Name] = Infrastructure.Excel.Defuse(r.Name),
                [Registry.ResidentImport.IdNumberColumn] = sealer.Open(Shequ.Domain.Registry.Resident.IdPurpose, r.IdCipher),
                [Registry.ResidentImport.Mobile] = r.PhoneCipher is null ? null : sealer.Open(Shequ.Domain.Registry.Resident.PhonePurpose, r.PhoneCipher),
                [Registry.ResidentImport.Relation] = Registry.ResidentImport.RelationText(r.Relation),
            };
        }).ToList();
        await using (var file = File.Create(output))
        {
            await file.SaveAsAsync(rows);
        }

        db.Audit(Data.Audit.AuditActions.Export, "Resident", detail: $"{rows.Count} rows, full values, by the CLI to {Path.GetFileName(output)}");
        await db.SaveChangesAsync();
        await stdout.WriteLineAsync($"exported {rows.Count} residents to {output}");
        return 0;
    }

    private static async Task<int> CreateAccountAsync(IServiceProvider sp, Dictionary<string, string> o, TextReader stdin, TextWriter stdout)
    {
        var userName = Required(o, "user");
        var role = Required(o, "role");
        if (!Roles.IsKnown(role))
        {
            throw new CliException($"unknown role '{role}'; one of: {string.Join(", ", Roles.All)}");
        }

        var db = sp.GetRequiredService<ShequDbContext>();
        Region? region = null;
        if (Roles.NeedsRegion(role))
        {
            var code = Required(o, "region");
            region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code)
                ?? throw new CliException($"no region with code {code}");
            if (!Roles.FitsRegionLevel(role, region.Level))
            {
                throw new CliException($"a {role} account cannot be bound to a {LevelNames.Key(region.Level)} ({code})");
            }
        }
        else if (o.ContainsKey("region"))
        {
            throw new CliException("system-admin sees everything and takes no --region");
        }

        // Piped input supplies the password; a terminal, or a pipe that is empty, gets a generated one.
        var piped = stdin != Console.In || Console.IsInputRedirected ? (await stdin.ReadLineAsync())?.TrimEnd('\r', '\n') : null;
        var generated = string.IsNullOrEmpty(piped);
        var password = generated
            ? RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20)
            : piped!;

        await DemoDistrict.EnsureRolesAsync(sp);
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, DisplayName = o.GetValueOrDefault("name"), RegionId = region?.Id, CreatedAtUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new CliException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        await stdout.WriteLineAsync($"created {userName} ({role}{(region is null ? string.Empty : " @ " + region.Code + " " + region.Name)})");
        if (generated)
        {
            await stdout.WriteLineAsync($"password (shown once): {password}");
        }

        return 0;
    }

    private static async Task<int> DisableAsync(IServiceProvider sp, Dictionary<string, string> o, TextWriter stdout)
    {
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(Required(o, "user")) ?? throw new CliException("no such user");
        user.IsDisabled = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        var db = sp.GetRequiredService<ShequDbContext>();
        await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAtUtc, DateTime.UtcNow));
        await stdout.WriteLineAsync($"disabled {user.UserName}; sessions end within a minute, tokens revoked");
        return 0;
    }

    private static async Task<int> CreateTokenAsync(IServiceProvider sp, Dictionary<string, string> o, TextWriter stdout)
    {
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(Required(o, "user")) ?? throw new CliException("no such user");
        if (user.IsDisabled)
        {
            throw new CliException("the account is disabled");
        }

        var days = o.TryGetValue("days", out var d) ? int.TryParse(d, out var n) && n is > 0 and <= 366 ? n : throw new CliException("--days must be 1–366") : 90;
        var token = await ApiTokens.IssueAsync(sp.GetRequiredService<ShequDbContext>(), user, TimeSpan.FromDays(days));
        await stdout.WriteLineAsync($"token for {user.UserName}, valid {days} days; keep it secret:");
        await stdout.WriteLineAsync(token);
        return 0;
    }
}

/// <summary>A command's refusal: printed as "error: …" with exit code 1, never a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
