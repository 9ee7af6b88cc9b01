using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shequ.Data;
using Shequ.Web.Modules.Registry;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Workforce;

namespace Shequ.Web.Modules.Workforce;

/// <summary>
/// Workers from a workbook with the columns the worker list exports, so an export imports back. A worker
/// already on file (same employer, name and start date) is left alone; one bad row and nothing is written.
/// </summary>
public sealed class WorkerImport(ShequDbContext db)
{
    public const string Name = "姓名";
    public const string Position = "岗位";
    public const string Employer = "聘用单位代码";
    public const string StartDate = "入职日期";
    public const string Category = "用工类别";
    public const string Qualification = "职业资格";
    public const string QualificationYear = "取证年份";
    public const string Assignments = "服务社区/网格";

    public static readonly string[] Columns = [Name, Position, Employer, StartDate, Category, Qualification, QualificationYear, Assignments];

    private static readonly Dictionary<string, EmploymentCategory> Categories = new(StringComparer.Ordinal)
    {
        ["行政编制"] = EmploymentCategory.AdministrativeEstablishment, ["职业社工"] = EmploymentCategory.ProfessionalSocialWorker, ["其他"] = EmploymentCategory.Other,
    };

    private static readonly Dictionary<string, Shequ.Domain.Workforce.Qualification> Qualifications = new(StringComparer.Ordinal)
    {
        ["无"] = Shequ.Domain.Workforce.Qualification.None, [""] = Shequ.Domain.Workforce.Qualification.None,
        ["助理社会工作师"] = Shequ.Domain.Workforce.Qualification.AssistantSocialWorker,
        ["社会工作师"] = Shequ.Domain.Workforce.Qualification.SocialWorker,
        ["高级社会工作师"] = Shequ.Domain.Workforce.Qualification.SeniorSocialWorker,
    };

    public static byte[] Template()
    {
        using var ms = new MemoryStream();
        ms.SaveAs(new List<Dictionary<string, object?>>
        {
            new() { [Name] = "沈慧敏", [Position] = "社区社工", [Employer] = "320591001000", [StartDate] = "2016-09-01", [Category] = "职业社工", [Qualification] = "社会工作师", [QualificationYear] = 2019, [Assignments] = "320591001001,320591001002" },
        });
        return ms.ToArray();
    }

    public async Task<ResidentImport.Outcome> RunAsync(IReadOnlyList<ResidentImport.Row> rows, bool dryRun, CancellationToken ct = default)
    {
        var errors = new List<ResidentImport.RowError>();
        var codes = rows.SelectMany(r => new[] { r[Employer] }.Concat((r[Assignments] ?? string.Empty).Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Where(c => c is not null).Distinct().ToList();
        // Units and areas are named by code or by name; a name two regions in scope share is left out (the row says so).
        var found = await db.Regions.Where(r => codes.Contains(r.Code) || codes.Contains(r.Name)).ToListAsync(ct);
        var regions = found.ToDictionary(r => r.Code, StringComparer.Ordinal);
        foreach (var unique in found.GroupBy(r => r.Name).Where(g => g.Count() == 1 && !regions.ContainsKey(g.Key)))
        {
            regions[unique.Key] = unique.Single();
        }

        var existing = await db.Workers.AsNoTracking().Select(w => new { w.RegionCode, w.Name, w.StartDate }).ToListAsync(ct);
        var seen = new HashSet<(string, string, DateOnly)>();
        var created = new List<Worker>();
        var unchanged = 0;
        foreach (var row in rows)
        {
            var ok = true;
            void Fail(string column, string message)
            {
                errors.Add(new ResidentImport.RowError(row.Number, column, message));
                ok = false;
            }

            if (row[Employer] is not { } employerCode || !regions.TryGetValue(employerCode, out var employer))
            {
                Fail(Employer, $"找不到聘用单位“{row[Employer]}”，或它不在您的管辖范围内（重名的单位请填代码）。");
                employer = null;
            }

            if (!DateOnly.TryParse(row[StartDate], CultureInfo.InvariantCulture, out var start))
            {
                Fail(StartDate, "入职日期应为 yyyy-MM-dd。");
            }

            if (!Categories.TryGetValue(row[Category] ?? "职业社工", out var category))
            {
                Fail(Category, "用工类别应为：行政编制、职业社工或其他。");
            }

            if (!Qualifications.TryGetValue(row[Qualification] ?? string.Empty, out var qualification))
            {
                Fail(Qualification, "职业资格应为：无、助理社会工作师、社会工作师或高级社会工作师。");
            }

            int? year = null;
            if (row[QualificationYear] is { } y)
            {
                if (int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    year = parsed;
                }
                else
                {
                    Fail(QualificationYear, "取证年份应为四位年份。");
                }
            }

            var assigned = new List<Region>();
            foreach (var code in (row[Assignments] ?? string.Empty).Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (regions.TryGetValue(code, out var region))
                {
                    assigned.Add(region);
                }
                else
                {
                    Fail(Assignments, $"找不到社区/网格“{code}”，或它不在您的管辖范围内（重名的请填代码）。");
                }
            }

            if (!ok || employer is null)
            {
                continue;
            }

            var name = Shequ.Domain.Registry.PersonName.Normalize(row[Name], out _) ?? row[Name] ?? string.Empty;
            if (!seen.Add((employer.Code, name, start)))
            {
                Fail(Name, "同一聘用单位、姓名和入职日期的人员在文件中重复。");
                continue;
            }

            if (existing.Any(e => e.RegionCode == employer.Code && e.Name == name && e.StartDate == start))
            {
                unchanged++;
                continue;
            }

            try
            {
                var worker = Worker.Hire(employer, new WorkerProfile(row[Name] ?? string.Empty, row[Position], category, qualification, year, start));
                if (assigned.Count > 0)
                {
                    worker.AssignTo(assigned);
                }

                created.Add(worker);
            }
            catch (BusinessRuleViolationException ex)
            {
                Fail(ex.Code == "Worker.Assignments" ? Assignments : ex.Code == "Worker.QualificationYear" ? QualificationYear : Name, ex.Message);
            }
        }

        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        if (errors.Count == 0 && !dryRun && created.Count > 0)
        {
            db.Workers.AddRange(created);
            await db.SaveChangesAsync(ct);
        }

        return new ResidentImport.Outcome(0, created.Count, unchanged, errors);
    }
}
