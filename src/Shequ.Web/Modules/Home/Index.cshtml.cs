using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Home;

/// <summary>The home dashboard: totals in the caller's scope and a breakdown per child area.</summary>
public sealed class IndexModel(ShequDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l, AreaFigures figures) : PageModel
{
    public List<Shequ.Web.Modules.Services.Reminder> Reminders { get; private set; } = [];

    public string ScopeName { get; private set; } = string.Empty;

    public List<(string Label, int Value)> Totals { get; } = [];

    /// <summary>When the residents, households and services figures were counted (they are kept for a minute).</summary>
    public DateTime FiguresAsOf { get; private set; }

    public List<AreaRow> Areas { get; private set; } = [];

    public string ChartJson { get; private set; } = "{}";

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A unit's work is what was routed to it; a volunteer's the community's suggestions; the dashboard is for staff.
        if (User.IsInRole(Shequ.Domain.Access.Roles.UnitHandler))
        {
            return RedirectToPage("/Requests/Unit/Index");
        }

        if (!Shequ.Domain.Access.Roles.Staff.Any(User.IsInRole))
        {
            return RedirectToPage("/Opinion/Suggestions/Index");
        }

        Reminders = await Shequ.Web.Modules.Services.Reminders.ForAsync(db, User, DateOnly.FromDateTime(time.GetLocalNow().Date), time.GetUtcNow().UtcDateTime, ct);
        var regions = await db.Regions.AsNoTracking().Select(r => new { r.Id, r.Code, r.Name, r.Level, r.ParentId }).ToListAsync(ct);
        var sites = await db.ServiceSites.AsNoTracking().Select(s => new { s.Kind, s.HallStatus, s.Region.Code }).ToListAsync(ct);

        var ownCode = User.RegionCodeOf();
        var own = regions.FirstOrDefault(r => r.Code == ownCode);
        ScopeName = own?.Name ?? l["Dashboard.AllDistricts"];
        var areas = own is null
            ? regions.Where(r => r.ParentId == null).ToList()
            : regions.Where(r => r.ParentId == own.Id).ToList();
        if (areas.Count == 0 && own is not null)
        {
            areas = [own];
        }

        var codeLength = areas.Count == 0 ? 6 : RegionCode.SubtreePrefix(areas[0].Level, areas[0].Code).Length;
        var counts = await figures.ForAsync(db.ScopePrefix, codeLength, ct);
        FiguresAsOf = counts.AsOfLocal;
        Areas = areas.OrderBy(a => a.Code).Select(a =>
        {
            var people = counts.ByArea.GetValueOrDefault(RegionCode.SubtreePrefix(a.Level, a.Code));
            var prefix = RegionCode.SubtreePrefix(a.Level, a.Code);
            bool Under(string code) => code.StartsWith(prefix, StringComparison.Ordinal);
            var inArea = sites.Where(s => Under(s.Code)).ToList();
            return new AreaRow(
                a.Code,
                a.Name,
                regions.Count(r => r.Level == RegionLevel.Community && Under(r.Code)),
                regions.Count(r => r.Level == RegionLevel.Grid && Under(r.Code)),
                inArea.Count(s => s.Kind == ServiceSiteKind.ServiceHall),
                inArea.Count(s => s.Kind == ServiceSiteKind.WorkStation),
                inArea.Count(s => s.Kind == ServiceSiteKind.ServicePoint),
                people.Residents,
                people.Households,
                people.Services);
        }).ToList();

        Totals.Add((l["Dashboard.Residents"], Areas.Sum(a => a.Residents)));
        Totals.Add((l["Dashboard.Households"], Areas.Sum(a => a.Households)));
        Totals.Add((l["Dashboard.ServicesThisMonth"], Areas.Sum(a => a.Services)));

        Totals.Add((l["Level.street"], regions.Count(r => r.Level == RegionLevel.Street)));
        Totals.Add((l["Level.community"], regions.Count(r => r.Level == RegionLevel.Community)));
        Totals.Add((l["Level.grid"], regions.Count(r => r.Level == RegionLevel.Grid)));
        Totals.Add((l["Kind.ServiceHall"], sites.Count(s => s.Kind == ServiceSiteKind.ServiceHall)));
        Totals.Add((l["Kind.WorkStation"], sites.Count(s => s.Kind == ServiceSiteKind.WorkStation)));
        Totals.Add((l["Kind.ServicePoint"], sites.Count(s => s.Kind == ServiceSiteKind.ServicePoint)));

        var halls = sites.Where(s => s.HallStatus is not null).GroupBy(s => s.HallStatus!.Value).OrderBy(g => g.Key)
            .Select(g => new { name = l["HallStatus." + g.Key].Value, value = g.Count() });
        ChartJson = JsonSerializer.Serialize(new
        {
            areas = Areas.Select(a => a.Name),
            series = new object[]
            {
                new { name = l["Level.community"].Value, data = Areas.Select(a => a.Communities) },
                new { name = l["Level.grid"].Value, data = Areas.Select(a => a.Grids) },
            },
            halls,
        });
        return Page();
    }

    public sealed record AreaRow(string Code, string Name, int Communities, int Grids, int Halls, int Stations, int Points, int Residents, int Households, int Services);
}
