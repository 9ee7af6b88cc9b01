using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Services;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Services.Agreements;

/// <summary>E8-1: the yearly agreements packaging list-2 items per community. Records only for now.</summary>
public sealed class IndexModel(ShequDbContext db, Organization.RegionDirectory regions, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<ServiceAgreement> Results { get; private set; } = new([], 1, Page<ServiceAgreement>.DefaultSize, 0);

    public Dictionary<string, string> CommunityNames { get; private set; } = [];

    public List<ServiceItem> ListTwo { get; private set; } = [];

    public string ExportUrl => Url.Page("Index", "Export", new { year = Year })!;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var regionNames = await regions.GetAsync(ct);
        var rows = await Filtered().Take(Organization.Regions.IndexModel.ExportLimit).ToListAsync(ct);
        var names = await db.Regions.Where(r => r.Level == RegionLevel.Community).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        db.Audit(AuditActions.Export, nameof(ServiceAgreement), detail: $"{rows.Count} rows");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            rows.Select(a => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.Region"]] = names.GetValueOrDefault(a.CommunityCode),
                [l["Field.Region"]] = regionNames.NameOf(a.CommunityCode),
                [l["Field.RegionCode"]] = a.CommunityCode,
                [l["Agreement.Year"]] = a.Year,
                [l["Agreement.Funding"]] = a.Funding,
                [l["Agreement.Items"]] = a.Items.Count,
                [l["Agreement.Responsibilities"]] = a.Responsibilities,
                [l["Agreement.SignedOn"]] = a.SignedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }),
            l["Nav.Agreements"], ct);
    }

    public async Task<IActionResult> OnPostAsync(string community, int year, decimal funding, string? responsibilities, List<int> items, Dictionary<int, string?>? targets, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == community && r.Level == RegionLevel.Community, ct);
        if (region is null)
        {
            ModelState.AddModelError(string.Empty, l["Agreement.ChooseCommunity"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        var chosen = await db.ServiceItems.Where(i => items.Contains(i.Id)).ToListAsync(ct);
        try
        {
            var agreement = ServiceAgreement.Sign(region.Code, year, DateOnly.FromDateTime(time.GetLocalNow().Date), funding, responsibilities ?? string.Empty,
                [.. chosen.Select(i => (i, targets?.GetValueOrDefault(i.Id)))]);
            db.ServiceAgreements.Add(agreement);
            await db.SaveChangesAsync(ct);
            return RedirectToPage(new { year });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
    }

    private IQueryable<ServiceAgreement> Filtered()
    {
        var query = db.ServiceAgreements.AsNoTracking();
        if (Year is { } y)
        {
            query = query.Where(a => a.Year == y);
        }

        return query.OrderByDescending(a => a.Year).ThenBy(a => a.CommunityCode);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Results = await Filtered().ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);
        CommunityNames = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Community).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        ListTwo = [.. (await db.ServiceItems.AsNoTracking().Where(i => i.List == DutyList.AssistGovernment && i.IsActive).OrderBy(i => i.Code).ToListAsync(ct))];
    }
}
