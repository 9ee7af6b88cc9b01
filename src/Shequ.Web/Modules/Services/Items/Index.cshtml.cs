using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Services;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Services.Items;

/// <summary>The service catalogue in scope: items defined here or above, with their published version.</summary>
public sealed class IndexModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public CommunityFunction? Function { get; set; }

    [BindProperty(SupportsGet = true)]
    public DutyList? List { get; set; }

    [BindProperty(SupportsGet = true)]
    public ServiceItemKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<ServiceItem> Results { get; private set; } = new([], 1, Page<ServiceItem>.DefaultSize, 0);

    public string ExportUrl => Url.Page("Index", "Export", new { q = Q, function = Function, list = List, kind = Kind })!;

    public async Task OnGetAsync(CancellationToken ct) => Results = await Filtered().ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Filtered().Take(Organization.Regions.IndexModel.ExportLimit).ToListAsync(ct);
        db.Audit(AuditActions.Export, nameof(ServiceItem), detail: $"{rows.Count} rows");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            rows.Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.Code"]] = i.Code,
                [l["Field.Name"]] = i.Name,
                [l["Item.Function"]] = l["Function." + i.Function].Value,
                [l["Item.List"]] = l["DutyList." + i.List].Value,
                [l["Field.Kind"]] = l["ItemKind." + i.Kind].Value,
                [l["Item.DefinedBy"]] = i.RegionCode,
                [l["Item.Version"]] = i.Current?.Number,
                [l["Item.PublishedOn"]] = i.Current?.PublishedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [l["Item.Standard"]] = i.Current?.Standard,
                [l["Item.Steps"]] = i.Current is { } v ? string.Join("；", v.Steps.OrderBy(s => s.Order).Select(s => $"{s.Order}. {s.Name}")) : null,
            }),
            l["Nav.ServiceItems"], ct);
    }

    private IQueryable<ServiceItem> Filtered()
    {
        var query = db.ServiceItems.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(i => i.Name.Contains(q) || i.Code.StartsWith(q));
        }

        if (Function is { } f)
        {
            query = query.Where(i => i.Function == f);
        }

        if (List is { } list)
        {
            query = query.Where(i => i.List == list);
        }

        if (Kind is { } k)
        {
            query = query.Where(i => i.Kind == k);
        }

        return query.OrderBy(i => i.List).ThenBy(i => i.Code);
    }
}
