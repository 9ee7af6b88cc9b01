using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Pages.Registry;

/// <summary>
/// Residents whose visit-frequency rule says a visit is due, most overdue first. A visit is a work-log
/// entry that names the resident's household.
/// </summary>
public sealed class VisitsModel(ShequDbContext db, TimeProvider time, IOptions<VisitRules> rules, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<VisitRow> Results { get; private set; } = new([], 1, Page<VisitRow>.DefaultSize, 0);

    public string ExportUrl => Url.Page("Visits", "Export", new { under = Under, all = All })!;

    public sealed record VisitRow(int ResidentId, string Name, int Age, string RegionCode, int IntervalDays, DateOnly? LastVisit, DateOnly DueOn, int OverdueDays);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await ComputeAsync(ct);
        var size = Page<VisitRow>.DefaultSize;
        var page = Math.Clamp(PageNumber, 1, Math.Max(1, (rows.Count + size - 1) / size));
        Results = new Page<VisitRow>([.. rows.Skip((page - 1) * size).Take(size)], page, size, rows.Count);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await ComputeAsync(ct);
        return Excel.Download(
            rows.Select(v => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.PersonName"]] = v.Name,
                [l["Field.Age"]] = v.Age,
                [l["Field.RegionCode"]] = v.RegionCode,
                [l["Visits.Interval"]] = v.IntervalDays,
                [l["Visits.Last"]] = v.LastVisit?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [l["Visits.Due"]] = v.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [l["Visits.OverdueDays"]] = v.OverdueDays,
            }),
            $"visits-{DateTime.Now:yyyyMMdd-HHmm}.xlsx");
    }

    private async Task<List<VisitRow>> ComputeAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var residents = db.Residents.AsNoTracking().Include(r => r.Groups)
            .Where(r => r.Status == ResidentStatus.Living);
        if (!string.IsNullOrWhiteSpace(Under) && RegionCode.LevelOf(Under.Trim()) is { } level)
        {
            var prefix = RegionCode.SubtreePrefix(level, Under.Trim());
            residents = residents.Where(r => r.RegionCode.StartsWith(prefix));
        }

        // Candidates: key recipients, anyone with a dated group membership, and the age groups a rule names.
        var elderlyCutoff = today.AddYears(-80);
        var candidates = await residents
            .Where(r => r.CareLevel == CareLevel.Key || r.Groups.Any(g => g.Until == null || g.Until >= today) || r.BirthDate <= elderlyCutoff)
            .ToListAsync(ct);
        var householdIds = candidates.Select(r => r.HouseholdId).Distinct().ToList();
        var lastVisits = await db.WorkLog.AsNoTracking()
            .SelectMany(e => e.Visited, (e, v) => new { v.HouseholdId, e.Date })
            .Where(v => householdIds.Contains(v.HouseholdId))
            .GroupBy(v => v.HouseholdId)
            .Select(g => new { HouseholdId = g.Key, Last = g.Max(v => v.Date) })
            .ToDictionaryAsync(v => v.HouseholdId, v => v.Last, ct);

        var rows = new List<VisitRow>();
        foreach (var r in candidates)
        {
            if (rules.Value.IntervalFor(r.CareLevel, r.GroupsOn(today)) is not { } interval)
            {
                continue;
            }

            DateOnly? last = lastVisits.TryGetValue(r.HouseholdId, out var d) ? d : null;
            var due = VisitRules.DueOn(last, interval, today);
            var overdue = today.DayNumber - due.DayNumber;
            if (All || overdue >= 0)
            {
                rows.Add(new VisitRow(r.Id, r.Name, r.AgeOn(today), r.RegionCode, interval, last, due, Math.Max(0, overdue)));
            }
        }

        return [.. rows.OrderBy(v => v.DueOn).ThenBy(v => v.RegionCode)];
    }
}
