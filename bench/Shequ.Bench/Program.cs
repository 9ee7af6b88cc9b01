using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Data.Protection;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Web.Pages.Registry;
using Shequ.Web.Registry;
using Shequ.Web.Seeding;

// Registry benchmarks P2 (resident search) and P3 (resident import) of ../shared/design/performance.md.
// Each prints one machine-readable line; ratios are against a ceiling measured in the same run.
var quick = args.Contains("--quick");
var households = quick ? 20_000 : 400_000;
var importRows = quick ? 10_000 : 100_000;
var work = Path.Combine(Path.GetTempPath(), "shequ-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
var sealer = new AesGcmPersonalDataSealer(new PersonalDataOptions
{
    ActiveKeyId = "b1",
    Keys = { ["b1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
    BlindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
});
var today = DateOnly.FromDateTime(DateTime.Today);

try
{
    var dbFile = Path.Combine(work, "bench.db");
    ShequDbContext NewContext(string? scope = null)
    {
        var options = new DbContextOptionsBuilder<ShequDbContext>();
        ShequDatabase.Configure(options, DatabaseProvider.Sqlite, $"Data Source={dbFile}");
        return new ShequDbContext(options.Options, new BenchActor(scope));
    }

    // Setup: schema, the demo district's tree, and generated households at scale.
    var setup = Stopwatch.StartNew();
    await using (var db = NewContext())
    {
        await db.Database.MigrateAsync();
        await Shequ.Web.SqliteDurability.EnsureAsync(db);
    }

    await SeedTreeAsync(NewContext);
    var residents = await SeedHouseholdsAsync(NewContext, sealer, households, today);
    Console.Error.WriteLine($"setup: {households} households, {residents} residents in {setup.Elapsed.TotalSeconds:0.0} s");

    // P2: name prefix, exact ID (blind index) and exact address (blind index) within a street's scope,
    // through the same search the pages use, against the same lookups in raw SQL on the same indexes.
    var probes = await ProbesAsync(NewContext, sealer, 200);
    var streetScope = "320591001";
    foreach (var (kind, queries) in probes)
    {
        var ours = new List<double>();
        foreach (var q in queries)
        {
            var sw = Stopwatch.StartNew();
            await using var db = NewContext(streetScope);
            if (kind == "address")
            {
                var index = sealer.BlindIndex(Household.AddressPurpose, q);
                var found = await db.Households.AsNoTracking().Where(h => h.AddressIndex == index).Take(20).ToListAsync();
                _ = found.Select(h => h.Address(sealer)).ToList();
            }
            else
            {
                var search = new ResidentSearch { Q = q };
                var page = await search.Apply(db, sealer, today).Take(20).ToListAsync();
                _ = page.Select(r => ResidentSearch.ToRow(r, sealer, today)).ToList();
            }

            ours.Add(sw.Elapsed.TotalMilliseconds);
        }

        var raw = new List<double>();
        await using (var conn = new SqliteConnection($"Data Source={dbFile}"))
        {
            await conn.OpenAsync();
            foreach (var q in queries)
            {
                var sw = Stopwatch.StartNew();
                await using var cmd = conn.CreateCommand();
                (cmd.CommandText, var value) = kind switch
                {
                    "name" => ("SELECT Id, Name, IdCipher FROM Residents WHERE Name >= $v AND Name < $v || '\uffff' AND RegionCode LIKE '320591001%' LIMIT 20", q),
                    "id" => ("SELECT Id, Name, IdCipher FROM Residents WHERE IdIndex = $v LIMIT 20", sealer.BlindIndex(Resident.IdPurpose, q)),
                    _ => ("SELECT Id, AddressCipher FROM Households WHERE AddressIndex = $v LIMIT 20", sealer.BlindIndex(Household.AddressPurpose, q)),
                };
                cmd.Parameters.AddWithValue("$v", value);
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }

                raw.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        var p95 = Percentile(ours, 0.95);
        var rawP95 = Percentile(raw, 0.95);
        Console.WriteLine($"P2 search {kind}: p95 {p95:0.00} ms, raw SQL p95 {rawP95:0.00} ms, ratio {p95 / Math.Max(rawP95, 0.001):0.0}, residents={residents}, target p95 <= 50 ms {(p95 <= 50 ? "OK" : "MISSED")}");
    }

    // P3: import of a file of new residents; ceiling: parsing the same file without validation or writes.
    var file = Path.Combine(work, "import.xlsx");
    WriteImportFile(file, importRows, today);
    GC.Collect();
    var parse = Stopwatch.StartNew();
    var parsed = 0;
    await using (var stream = File.OpenRead(file))
    {
        foreach (var _ in stream.Query(useHeaderRow: true))
        {
            parsed++;
        }
    }

    parse.Stop();
    GC.Collect();
    var memoryBefore = Process.GetCurrentProcess().WorkingSet64;
    var import = Stopwatch.StartNew();
    ResidentImport.Outcome outcome;
    await using (var stream = File.OpenRead(file))
    await using (var db = NewContext())
    {
        var rows = ResidentImport.Read(stream, importRows + 1);
        outcome = await new ResidentImport(db, sealer, today).RunAsync(rows, dryRun: false);
    }

    import.Stop();
    var growthMb = (Process.GetCurrentProcess().PeakWorkingSet64 - memoryBefore) / 1024.0 / 1024.0;
    var ratio = import.Elapsed.TotalSeconds / parse.Elapsed.TotalSeconds;
    Console.WriteLine(
        $"P3 import: {importRows / import.Elapsed.TotalSeconds:0} rows/s, parse-only {parsed / parse.Elapsed.TotalSeconds:0} rows/s, ratio {ratio:0.0}, " +
        $"memory growth {growthMb:0} MB, created={outcome.ResidentsCreated} errors={outcome.Errors.Count}, target ratio <= 2 {(ratio <= 2 ? "OK" : "MISSED")}");
    return outcome.Accepted ? 0 : 1;
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(work, recursive: true);
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

static async Task SeedTreeAsync(Func<string?, ShequDbContext> context)
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

static async Task<int> SeedHouseholdsAsync(Func<string?, ShequDbContext> context, AesGcmPersonalDataSealer sealer, int count, DateOnly today)
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

static async Task<List<(string Kind, List<string> Queries)>> ProbesAsync(Func<string?, ShequDbContext> context, AesGcmPersonalDataSealer sealer, int n)
{
    await using var db = context("320591001");
    var sample = await db.Residents.AsNoTracking().Include(r => r.Household).OrderBy(r => r.Id).Take(n * 5).ToListAsync();
    var picks = sample.Where((_, i) => i % 5 == 0).Take(n).ToList();
    return
    [
        ("name", picks.Select(r => r.Name[..Math.Min(2, r.Name.Length)]).ToList()),
        ("id", picks.Select(r => sealer.Open(Resident.IdPurpose, r.IdCipher)).ToList()),
        ("address", picks.Select(r => r.Household!.Address(sealer).Canonical).ToList()),
    ];
}

static void WriteImportFile(string path, int rows, DateOnly today)
{
    // New people (address code 110105, so none collide with the seeded ones), one per household.
    var random = new Random(11);
    IEnumerable<Dictionary<string, object?>> Rows()
    {
        for (var i = 0; i < rows; i++)
        {
            // (birth date, sequence) pairs are distinct, so every ID in the file is.
            var birth = today.AddDays(-(20 * 365) - (i / 1000) - random.Next(0, 2) * 20_000);
            yield return new Dictionary<string, object?>
            {
                [ResidentImport.HouseholdKey] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ResidentImport.Region] = $"320591{1 + (i % 5):000}{1 + (i % 6):000}{1 + (i % 4):000}",
                [ResidentImport.Building] = (100 + (i % 90)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ResidentImport.Unit] = "1",
                [ResidentImport.Room] = (i / 90).ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ResidentImport.VillageGroup] = null,
                [ResidentImport.Dwelling] = "楼房",
                [ResidentImport.Name] = "测试" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ResidentImport.IdNumberColumn] = IdNumber.Compose("110105", birth, i % 1000).Value,
                [ResidentImport.Mobile] = $"139{i:00000000}",
                [ResidentImport.Relation] = "户主",
            };
        }
    }

    using var stream = File.Create(path);
    stream.SaveAs(Rows());
}

/// <summary>The bench's stand-in for a signed-in account: a fixed scope prefix, or none.</summary>
internal sealed class BenchActor(string? scope) : ICurrentActor
{
    public string? UserName => "bench";

    public string? RegionPrefix => scope;
}
