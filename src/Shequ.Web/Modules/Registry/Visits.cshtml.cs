using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Registry;

/// <summary>
/// Residents whose visit-frequency rule says a visit is due, most overdue first; with "mine", only those in
/// the caller's own communities and grids, which makes it each worker's due list. A visit is a work-log entry
/// naming the household or a proactive-visit service record.
/// </summary>
public sealed class VisitsModel(ShequDbContext db, Organization.RegionDirectory regions, TimeProvider time, IOptions<VisitRules> rules, Shequ.Web.Modules.Services.ServiceDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    [Shequ.Web.Modules.Organization.RegionFilter]
    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<VisitRow> Results { get; private set; } = new([], 1, Page<VisitRow>.DefaultSize, 0);

    public string ExportUrl => Url.Page("Visits", "Export", new { under = Under, all = All, mine = Mine })!;

    public sealed record VisitRow(int ResidentId, int HouseholdId, string Name, int Age, string RegionCode, int IntervalDays, DateOnly? LastVisit, DateOnly DueOn, int OverdueDays, VisitState State);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await ComputeAsync(ct);
        var size = PagerModel.SizeFrom(Request);
        var page = Math.Clamp(PageNumber, 1, Math.Max(1, (rows.Count + size - 1) / size));
        Results = new Page<VisitRow>([.. rows.Skip((page - 1) * size).Take(size)], page, size, rows.Count);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var regionNames = await regions.GetAsync(ct);
        var rows = await ComputeAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            rows.Select(v => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.PersonName"]] = v.Name,
                [l["Field.Age"]] = v.Age,
                [l["Field.Region"]] = regionNames.NameOf(v.RegionCode),
                [l["Field.RegionCode"]] = v.RegionCode,
                [l["Visits.Interval"]] = v.IntervalDays,
                [l["Visits.Last"]] = v.LastVisit?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [l["Visits.Due"]] = v.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [l["Visits.OverdueDays"]] = v.OverdueDays,
                [l["Visits.State"]] = l["VisitState." + v.State].Value,
            }),
            l["Nav.Visits"], ct);
    }

    private async Task<List<VisitRow>> ComputeAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var residents = db.Residents.AsNoTracking().Include(r => r.Groups)
            .Where(r => r.Status == ResidentStatus.Living);
        if (RegionCode.FilterPrefix(Under) is { } prefix)
        {
            residents = residents.Where(r => r.RegionCode.StartsWith(prefix));
        }

        if (Mine)
        {
            var own = await desk.OwnWorkerAsync(User, ct);
            var areas = own?.Assignments.Select(a => a.RegionCode).ToList() ?? [];
            residents = residents.Where(r => areas.Any(a => r.RegionCode.StartsWith(a)));
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
        var lastServices = await db.ServiceRecords.AsNoTracking()
            .Where(r => r.Mode == Shequ.Domain.Services.ServiceMode.ProactiveVisit && householdIds.Contains(r.HouseholdId))
            .GroupBy(r => r.HouseholdId)
            .Select(g => new { HouseholdId = g.Key, Last = g.Max(r => r.OccurredAt) })
            .ToDictionaryAsync(v => v.HouseholdId, v => DateOnly.FromDateTime(v.Last), ct);

        var rows = new List<VisitRow>();
        foreach (var r in candidates)
        {
            if (rules.Value.IntervalFor(r.CareLevel, r.GroupsOn(today)) is not { } interval)
            {
                continue;
            }

            DateOnly? logged = lastVisits.TryGetValue(r.HouseholdId, out var d) ? d : null;
            DateOnly? served = lastServices.TryGetValue(r.HouseholdId, out var s) ? s : null;
            var last = logged > served || served is null ? logged : served;
            var due = rules.Value.Assess(last, interval, today);
            if (All || due.State != VisitState.NotDue)
            {
                rows.Add(new VisitRow(r.Id, r.HouseholdId, r.Name, r.AgeOn(today), r.RegionCode, interval, last, due.DueOn, due.OverdueDays, due.State));
            }
        }

        return [.. rows.OrderBy(v => v.DueOn).ThenBy(v => v.RegionCode)];
    }
}
