using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Data.Protection;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Registry;
using Shequ.Web.Seeding;

namespace Shequ.Bench;

/// <summary>
/// The benchmark's database: a SQLite file in a scratch folder, filled with the demo district's regions, generated
/// households (the registry generator) and generated work (the workload generator), plus the settings a Shequ
/// process needs to open it in Production mode.
/// </summary>
internal sealed class BenchDb : IDisposable
{
    private readonly string keyB64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string blindB64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string dataProtectionB64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public BenchDb()
    {
        Work = Path.Combine(Path.GetTempPath(), "shequ-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Work);
        DbFile = Path.Combine(Work, "bench.db");
        Sealer = new AesGcmPersonalDataSealer(new PersonalDataOptions { ActiveKeyId = "b1", Keys = { ["b1"] = keyB64 }, BlindIndexKey = blindB64 });
    }

    public string Work { get; }

    public string DbFile { get; }

    public AesGcmPersonalDataSealer Sealer { get; }

    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.Today);

    public int Residents { get; private set; }

    public WorkloadCounts? Workload { get; private set; }

    /// <summary>Settings for a Shequ host (child process or in-process CLI) on this database, Production mode.</summary>
    public Dictionary<string, string> Settings(int port = 0) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["ConnectionStrings__Shequ"] = $"Data Source={DbFile}",
        ["Shequ__Database__Provider"] = "Sqlite",
        ["Shequ__PersonalData__ActiveKeyId"] = "b1",
        ["Shequ__PersonalData__Keys__b1"] = keyB64,
        ["Shequ__PersonalData__BlindIndexKey"] = blindB64,
        ["Shequ__DataProtection__Key"] = dataProtectionB64,
        // One loopback address sends everything here; the per-address limits are for the public internet.
        ["Shequ__Requests__PublicSubmissionsPerWindow"] = "1000000000",
        ["Shequ__ApiRequestsPerSecondPerCaller"] = "100000000",
        ["Logging__LogLevel__Default"] = "Warning",
        // Plain HTTP on loopback; in production TLS ends at the proxy and forwarded headers make requests secure.
        ["Shequ__SecureCookies"] = "false",
    };

    public ShequDbContext NewContext(string? scope = null)
    {
        var options = new DbContextOptionsBuilder<ShequDbContext>();
        ShequDatabase.Configure(options, DatabaseProvider.Sqlite, $"Data Source={DbFile}");
        return new ShequDbContext(options.Options, new BenchActor(scope));
    }

    public async Task SetupAsync(int households, WorkloadScale scale)
    {
        var setup = Stopwatch.StartNew();
        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            await Shequ.Web.SqliteDurability.EnsureAsync(db);
        }

        await SeedTreeAsync(NewContext);
        Residents = await SeedHouseholdsAsync(NewContext, Sealer, households, Today);
        Console.Error.WriteLine($"setup: {households} households, {Residents} residents in {setup.Elapsed.TotalSeconds:0.0} s");
        var last = Stopwatch.StartNew();
        var progress = new Progress<(string Stage, int Done, int Total)>(p =>
        {
            if (last.Elapsed.TotalSeconds >= 10 || p.Done == p.Total)
            {
                Console.Error.WriteLine($"setup: {p.Stage} {p.Done}/{p.Total}");
                last.Restart();
            }
        });
        Workload = await new WorkloadGenerator(() => NewContext(), DemoDistrict.DistrictCode, DateTime.Now).SeedAsync(scale, progress);
        Console.Error.WriteLine($"setup: {Workload.Workers} workers, {Workload.ServiceRecords} service records, {Workload.Evaluations} evaluations; {setup.Elapsed.TotalSeconds:0.0} s in all");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Work, recursive: true);
    }

    private static async Task SeedTreeAsync(Func<string?, ShequDbContext> context)
    {
        // The demo district's regions only: no accounts, households or workers.
        await using var db = context(null);
        var district = Region.Create(null, DemoDistrict.DistrictCode, "明湖区");
        db.Regions.Add(district);
        for (var s = 1; s <= 5; s++)
        {
            var street = Region.Create(district, $"320591{s:000}000", $"第{s}街道");
            db.Regions.Add(street);
            for (var c = 1; c <= 6; c++)
            {
                var community = Region.Create(street, $"320591{s:000}{c:000}", $"第{s}-{c}社区", UrbanRuralClass.MainUrbanArea);
                db.Regions.Add(community);
                for (var g = 1; g <= 4; g++)
                {
                    db.Regions.Add(Region.Create(community, $"{community.Code}{g:000}", $"第{g}网格"));
                }
            }
        }

        await db.SaveChangesAsync();
    }

    private static async Task<int> SeedHouseholdsAsync(Func<string?, ShequDbContext> context, AesGcmPersonalDataSealer sealer, int count, DateOnly today)
    {
        List<Region> grids;
        await using (var db = context(null))
        {
            grids = await db.Regions.Where(r => r.Level == RegionLevel.Grid).OrderBy(r => r.Code).ToListAsync();
        }

        var generator = new RegistryGenerator(7, sealer, today);
        var residents = 0;
        for (var done = 0; done < count; done += 5_000)
        {
            await using var db = context(null);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var grid in grids)
            {
                db.Attach(grid);
            }

            for (var i = done; i < Math.Min(count, done + 5_000); i++)
            {
                var generated = generator.Next(grids[i % grids.Count], DemoDistrict.DistrictCode);
                db.Households.Add(generated.Household);
                db.Residents.AddRange(generated.Members.Select(m => m.Resident));
                residents += generated.Members.Count;
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        return residents;
    }
}

/// <summary>The bench's stand-in for a signed-in account: a fixed scope prefix, or none.</summary>
internal sealed class BenchActor(string? scope) : ICurrentActor
{
    public string? UserName => "bench";

    public string? RegionPrefix => scope;
}
