using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Web.Cli;

namespace Shequ.Web.Modules.Registry;

/// <summary>The registry's bulk work from the command line: import residents from the template, export them back into it.</summary>
public static class RegistryCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("import", "residents", """
            import residents FILE.xlsx [--dry-run]    import households and residents from the template; exit 0 when
                                                      imported, 2 on row errors (FILE.errors.xlsx is written beside the
                                                      file, nothing is imported), 3 when the file itself is refused
            """, ImportResidentsAsync),
        new("export", "residents", """
            export residents --out FILE.xlsx [--region CODE]
                                                      write residents in the import template's columns (full values,
                                                      audited), so an export can be imported again
            """, ExportResidentsAsync),
    ];

    private static async Task<int> ImportResidentsAsync(CliContext cli)
    {
        var file = cli.Args.ElementAtOrDefault(2) ?? throw new CliException("import residents needs a file");
        var dryRun = cli.Args.Contains("--dry-run");
        if (!File.Exists(file))
        {
            throw new CliException($"no such file: {file}");
        }

        var limits = cli.Get<IOptions<Infrastructure.Excel.UploadLimits>>().Value;
        await using (var probe = File.OpenRead(file))
        {
            var refusal = Infrastructure.Excel.Inspect(new FormFile(probe, 0, probe.Length, "file", Path.GetFileName(file)), limits);
            if (refusal is not null)
            {
                await Console.Error.WriteLineAsync("refused: " + refusal);
                return 3;
            }
        }

        var db = cli.Get<ShequDbContext>();
        var importer = new ResidentImport(db, cli.Get<Shequ.Domain.Common.IPersonalDataSealer>(), DateOnly.FromDateTime(DateTime.Today));
        ResidentImport.Outcome outcome = null!;
        try
        {
            // The file is read as it is written, so a million rows need not fit in memory; a workbook that turns out
            // unreadable or too long part-way is refused and its transaction rolled back.
            await using var stream = File.OpenRead(file);
            await Spectre.Console.AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var task = ctx.AddTask(dryRun ? "checking" : "importing", maxValue: 100);
                outcome = await importer.RunAsync(ResidentImport.Read(stream, limits.MaxRows), dryRun, new Progress<int>(p => task.Value = p));
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
            await File.WriteAllBytesAsync(report, ResidentImport.ErrorReport(outcome.Errors));
            await cli.Stdout.WriteLineAsync($"{outcome.Errors.Count} row error(s); nothing imported; see {report}");
            return 2;
        }

        if (!dryRun)
        {
            db.Audit(Data.Audit.AuditActions.Import, "Resident", detail: $"{Path.GetFileName(file)}: {outcome.HouseholdsCreated} households, {outcome.ResidentsCreated} residents created, {outcome.Unchanged} unchanged");
            await db.SaveChangesAsync();
        }

        await cli.Stdout.WriteLineAsync($"{(dryRun ? "checked" : "imported")}: {outcome.HouseholdsCreated} households, {outcome.ResidentsCreated} residents created, {outcome.Unchanged} unchanged");
        return 0;
    }

    private static async Task<int> ExportResidentsAsync(CliContext cli)
    {
        var o = cli.Options();
        var output = CliContext.Required(o, "out");
        var db = cli.Get<ShequDbContext>();
        var sealer = cli.Get<Shequ.Domain.Common.IPersonalDataSealer>();
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
                [ResidentImport.HouseholdKey] = r.HouseholdId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ResidentImport.Region] = head ? r.Household!.RegionCode : null,
                [ResidentImport.Building] = address?.Building,
                [ResidentImport.Unit] = address?.Unit,
                [ResidentImport.Room] = address?.Room,
                [ResidentImport.VillageGroup] = address?.VillageGroup,
                [ResidentImport.Dwelling] = head ? ResidentImport.DwellingText(r.Household!.DwellingType) : null,
                [ResidentImport.Name] = Infrastructure.Excel.Defuse(r.Name),
                [ResidentImport.IdNumberColumn] = sealer.Open(Shequ.Domain.Registry.Resident.IdPurpose, r.IdCipher),
                [ResidentImport.Mobile] = r.PhoneCipher is null ? null : sealer.Open(Shequ.Domain.Registry.Resident.PhonePurpose, r.PhoneCipher),
                [ResidentImport.Relation] = ResidentImport.RelationText(r.Relation),
            };
        }).ToList();
        await using (var file = File.Create(output))
        {
            await file.SaveAsAsync(rows);
        }

        db.Audit(Data.Audit.AuditActions.Export, "Resident", detail: $"{rows.Count} rows, full values, by the CLI to {Path.GetFileName(output)}");
        await db.SaveChangesAsync();
        await cli.Stdout.WriteLineAsync($"exported {rows.Count} residents to {output}");
        return 0;
    }
}
