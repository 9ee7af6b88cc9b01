using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Organization;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Organization.Sites;

public sealed class IndexModel(ShequDbContext db, Organization.RegionDirectory regions, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public ServiceSiteKind? Kind { get; set; }

    [Shequ.Web.Modules.Organization.RegionFilter]
    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<ServiceSite> Results { get; private set; } = new([], 1, Page<ServiceSite>.DefaultSize, 0);

    public string ExportUrl => Url.Page("Index", "Export", new { q = Q, kind = Kind, under = Under })!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await Filtered().ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var regionNames = await regions.GetAsync(ct);
        var rows = await Filtered().Include(s => s.ServedCommunities).Take(Regions.IndexModel.ExportLimit).ToListAsync(ct);
        db.Audit(AuditActions.Export, nameof(ServiceSite), detail: $"{rows.Count} rows; q={Q}; kind={Kind}; under={Under}");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            rows.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.Name"]] = s.Name,
                [l["Field.Kind"]] = l["Kind." + s.Kind].Value,
                [l["Field.Status"]] = s.HallStatus is not null ? l["HallStatus." + s.HallStatus].Value : s.PointType is not null ? l["PointType." + s.PointType].Value : null,
                [l["Field.Region"]] = regionNames.NameOf(s.Region.Code),
                [l["Field.RegionCode"]] = s.Region.Code,
                [l["Field.Region"]] = s.Region.Name,
                [l["Field.Address"]] = s.Address,
                [l["Field.OpeningHours"]] = s.OpeningHours,
                [l["Field.ContactPerson"]] = s.ContactPerson,
                [l["Field.ContactPhone"]] = s.ContactPhone,
                [l["Field.Serves"]] = string.Join("、", s.ServedCommunities.Select(c => c.Name)),
            }),
            l["Nav.Sites"], ct);
    }

    private IQueryable<ServiceSite> Filtered()
    {
        var query = db.ServiceSites.AsNoTracking().Include(s => s.Region).AsQueryable();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(s => s.Name.Contains(q) || (s.Address != null && s.Address.Contains(q)) || (s.ContactPerson != null && s.ContactPerson.Contains(q)));
        }

        if (Kind is { } kind)
        {
            query = query.Where(s => s.Kind == kind);
        }

        if (RegionCode.FilterPrefix(Under) is { } prefix)
        {
            query = query.Where(s => s.Region.Code.StartsWith(prefix));
        }

        return query.OrderBy(s => s.Region.Code).ThenBy(s => s.Kind).ThenBy(s => s.Name);
    }
}
