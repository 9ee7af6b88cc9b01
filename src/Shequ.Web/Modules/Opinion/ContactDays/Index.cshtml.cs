using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Opinion;

namespace Shequ.Web.Modules.Opinion.ContactDays;

/// <summary>The month's contact days as a calendar and a list; administrators plan a whole year in one step.</summary>
public sealed class IndexModel(ShequDbContext db, OpinionDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    public DateOnly First { get; private set; }

    public List<ContactDay> Days { get; private set; } = [];

    public Dictionary<string, string> Names { get; private set; } = [];

    public bool CanPlan => User.CanEditOrganization();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPlanAsync(int year, CancellationToken ct)
    {
        if (!CanPlan)
        {
            return Forbid();
        }

        if (year < desk.Today.Year - 1 || year > desk.Today.Year + 2)
        {
            ModelState.AddModelError(string.Empty, l["ContactDay.PlanYearRange"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        var added = await desk.PlanYearAsync(year, Under, ct);
        TempData["Planned"] = added;
        return RedirectToPage(new { year, month = Month, under = Under });
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct, wholeYear: true);
        db.Audit(AuditActions.Export, nameof(ContactDay), detail: $"{Days.Count} rows");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            Days.Select(d => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.Date"]] = d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [l["Field.Region"]] = Names.GetValueOrDefault(d.CommunityCode),
                [l["ContactDay.Time"]] = $"{d.StartTime:HH\\:mm}–{d.EndTime:HH\\:mm}",
                [l["ContactDay.Venue"]] = d.Venue,
                [l["ContactDay.Leader"]] = d.LeaderName,
                [l["ContactDay.Residents"]] = d.Residents,
                [l["ContactDay.Organizations"]] = d.Organizations,
                [l["ContactDay.Enterprises"]] = d.Enterprises,
                [l["ContactDay.Published"]] = d.IsPublished ? l["Yes"].Value : l["No"].Value,
            }),
            $"{l["Nav.ContactDays"]} {First.Year}", ct);
    }

    private async Task LoadAsync(CancellationToken ct, bool wholeYear = false)
    {
        var today = desk.Today;
        First = new DateOnly(Year ?? today.Year, Math.Clamp(Month ?? today.Month, 1, 12), 1);
        var from = wholeYear ? new DateOnly(First.Year, 1, 1) : First;
        var to = wholeYear ? from.AddYears(1) : First.AddMonths(1);
        var query = db.ContactDays.AsNoTracking().Where(d => d.Date >= from && d.Date < to);
        if (RegionCode.FilterPrefix(Under) is { } prefix)
        {
            query = query.Where(d => d.CommunityCode.StartsWith(prefix));
        }

        Days = await query.OrderBy(d => d.Date).ThenBy(d => d.CommunityCode).Take(5000).ToListAsync(ct);
        var codes = Days.Select(d => d.CommunityCode).Distinct().ToList();
        Names = await db.Regions.IgnoreQueryFilters().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }
}
