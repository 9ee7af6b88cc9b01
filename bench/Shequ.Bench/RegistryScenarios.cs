using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shequ.Data;
using Shequ.Data.Protection;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Web.Modules.Registry;
using Shequ.Web.Seeding;

namespace Shequ.Bench;

/// <summary>P2 (resident search) and P3 (resident import), in process, against raw SQL and parse-only ceilings.</summary>
internal static class RegistryScenarios
{
    public static async Task<bool> RunAsync(BenchDb bench, int residents, int importRows, bool trace)
    {
        // P2: name prefix, exact ID (blind index) and exact address (blind index) within a street's scope,
        // through the same search the pages use, against the same lookups in raw SQL on the same indexes.
        var probes = await ProbesAsync(bench.NewContext, bench.Sealer, 200);
        var streetScope = "320591001";
        foreach (var (kind, queries) in probes)
        {
            var ours = new List<double>();
            foreach (var q in queries)
            {
                var sw = Stopwatch.StartNew();
                await using var db = bench.NewContext(streetScope);
                if (kind == "address")
                {
                    var index = bench.Sealer.BlindIndex(Household.AddressPurpose, q);
                    var found = await db.Households.AsNoTracking().Where(h => h.AddressIndex == index).Take(20).ToListAsync();
                    _ = found.Select(h => h.Address(bench.Sealer)).ToList();
                }
                else
                {
                    var search = new ResidentSearch { Q = q };
                    var page = await search.Apply(db, bench.Sealer, bench.Today).Take(20).ToListAsync();
                    _ = page.Select(r => ResidentSearch.ToRow(r, bench.Sealer, bench.Today)).ToList();
                }

                ours.Add(sw.Elapsed.TotalMilliseconds);
            }

            var raw = new List<double>();
            await using (var conn = new SqliteConnection($"Data Source={bench.DbFile}"))
            {
                await conn.OpenAsync();
                foreach (var q in queries)
                {
                    var sw = Stopwatch.StartNew();
                    await using var cmd = conn.CreateCommand();
                    (cmd.CommandText, var value) = kind switch
                    {
                        "name" => ("SELECT Id, Name, IdCipher FROM Residents WHERE Name >= $v AND Name < $v || '\uffff' AND RegionCode LIKE '320591001%' LIMIT 20", q),
                        "id" => ("SELECT Id, Name, IdCipher FROM Residents WHERE IdIndex = $v LIMIT 20", bench.Sealer.BlindIndex(Resident.IdPurpose, q)),
                        _ => ("SELECT Id, AddressCipher FROM Households WHERE AddressIndex = $v LIMIT 20", bench.Sealer.BlindIndex(Household.AddressPurpose, q)),
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
        var file = Path.Combine(bench.Work, "import.xlsx");
        WriteImportFile(file, importRows, bench.Today);
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
        var profile = trace ? Profile.TraceAsync(Environment.ProcessId, 4, Path.Combine("bench", "results", "p3")) : Task.CompletedTask;
        var import = Stopwatch.StartNew();
        ResidentImport.Outcome outcome;
        await using (var stream = File.OpenRead(file))
        await using (var db = bench.NewContext())
        {
            var rows = ResidentImport.Read(stream, importRows + 1);
            outcome = await new ResidentImport(db, bench.Sealer, bench.Today).RunAsync(rows, dryRun: false);
        }

        import.Stop();
        await profile;
        var growthMb = (Process.GetCurrentProcess().PeakWorkingSet64 - memoryBefore) / 1024.0 / 1024.0;
        var ratio = import.Elapsed.TotalSeconds / parse.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"P3 import: {importRows / import.Elapsed.TotalSeconds:0} rows/s, parse-only {parsed / parse.Elapsed.TotalSeconds:0} rows/s, ratio {ratio:0.0}, " +
            $"memory growth {growthMb:0} MB, created={outcome.ResidentsCreated} errors={outcome.Errors.Count}, target ratio <= 2 {(ratio <= 2 ? "OK" : "MISSED")}");
        return outcome.Accepted;
    }

    internal static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    internal static async Task<List<(string Kind, List<string> Queries)>> ProbesAsync(Func<string?, ShequDbContext> context, AesGcmPersonalDataSealer sealer, int n)
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

    internal static void WriteImportFile(string path, int rows, DateOnly today)
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
}
