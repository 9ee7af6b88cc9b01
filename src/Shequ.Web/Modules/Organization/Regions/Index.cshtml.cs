using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Organization;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Organization.Regions;

/// <summary>The region list: search by name or code, filter by level and by an ancestor, page, export what is shown.</summary>
public sealed class IndexModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int ExportLimit = 100_000;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    [Shequ.Web.Modules.Organization.RegionFilter]
    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<Region> Results { get; private set; } = new([], 1, Page<Region>.DefaultSize, 0);

    public string ExportUrl => Url.Page("Index", "Export", new { q = Q, level = Level, under = Under })!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await Filtered().ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Filtered().Take(ExportLimit).ToListAsync(ct);
        db.Audit(AuditActions.Export, nameof(Region), detail: $"{rows.Count} rows; q={Q}; level={Level}; under={Under}");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            rows.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.Code"]] = r.Code,
                [l["Field.Name"]] = r.Name,
                [l["Field.Level"]] = l["Level." + LevelNames.Key(r.Level)].Value,
                [l["Field.ParentCode"]] = r.ParentId is null ? null : RegionCode.ImpliedParentCode(r.Code),
                [l["Field.UrbanRural"]] = (int?)r.UrbanRural,
            }),
            l["Nav.RegionList"], ct);
    }

    private IQueryable<Region> Filtered()
    {
        var query = db.Regions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = q.All(char.IsAsciiDigit)
                ? query.Where(r => r.Code.StartsWith(q))
                : query.Where(r => r.Name.Contains(q));
        }

        if (LevelNames.FromKey(Level) is { } level)
        {
            query = query.Where(r => r.Level == level);
        }

        if (RegionCode.FilterPrefix(Under) is { } prefix)
        {
            query = query.Where(r => r.Code.StartsWith(prefix) && r.Code != Under!.Trim());
        }

        return query.OrderBy(r => r.Code);
    }
}
