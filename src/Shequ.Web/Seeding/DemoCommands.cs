using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Web.Cli;
using Shequ.Web.Modules.Registry;
using Spectre.Console;

namespace Shequ.Web.Seeding;

/// <summary>The demo district's commands: seed it into an empty database, or grow its registry for a benchmark.</summary>
public static class DemoCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("seed", "demo", "seed demo                                 seed the demo district into an empty database", SeedDemoAsync),
        new("seed", "--households", "seed --households N [--seed S]            add N generated households to the demo district", SeedHouseholdsAsync),
    ];

    private static async Task<int> SeedDemoAsync(CliContext cli)
    {
        var db = cli.Get<ShequDbContext>();
        if (await db.Regions.AnyAsync())
        {
            throw new CliException("the database already holds regions; the demo district seeds only an empty one");
        }

        var env = cli.Get<IHostEnvironment>();
        var options = cli.Get<IOptions<ShequOptions>>().Value;
        await DemoDistrict.SeedAsync(cli.Services, options.DemoPassword, createAccounts: ShequApp.IsDemoEnvironment(env));
        await cli.Stdout.WriteLineAsync($"seeded demo district {DemoDistrict.DistrictCode}" +
            (ShequApp.IsDemoEnvironment(env) ? " with demo accounts" : " (no demo accounts outside Development/Demo)"));
        return 0;
    }

    private static async Task<int> SeedHouseholdsAsync(CliContext cli)
    {
        var args = cli.Args;
        if (args.Length < 3 || !int.TryParse(args[2], out var count) || count is < 1 or > 2_000_000)
        {
            throw new CliException("seed --households needs a count between 1 and 2000000");
        }

        var seed = 1;
        if (args.Length >= 5 && args[3] == "--seed" && !int.TryParse(args[4], out seed))
        {
            throw new CliException("--seed must be a whole number");
        }

        var db = cli.Get<ShequDbContext>();
        var grids = await db.Regions.Where(r => r.Level == RegionLevel.Grid && r.Code.StartsWith(DemoDistrict.DistrictCode)).OrderBy(r => r.Code).ToListAsync();
        if (grids.Count == 0)
        {
            throw new CliException("the demo district is not there; run seed demo first");
        }

        var generator = new RegistryGenerator(seed, cli.Get<Shequ.Domain.Common.IPersonalDataSealer>(), DateOnly.FromDateTime(DateTime.Today));
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
        await cli.Stdout.WriteLineAsync($"added {count} households with {residents} residents");
        return 0;
    }
}
