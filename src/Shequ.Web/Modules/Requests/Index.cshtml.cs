using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Requests;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Requests;

namespace Shequ.Web.Modules.Requests;

/// <summary>The request lists staff work from: the community's queue, my queue, overdue and everything, by category and stage.</summary>
public sealed class IndexModel(ShequDbContext db, Organization.RegionDirectory regions, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public RequestList List { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public RequestStage? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<ServiceRequest> Results { get; private set; } = new([], 1, Page<ServiceRequest>.DefaultSize, 0);

    public List<(int Id, string Name, int Depth)> Categories { get; private set; } = [];

    public Dictionary<int, string> CategoryNames { get; private set; } = [];

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public string ExportUrl => Url.Page("Index", "Export", new { list = List, category = Category, stage = Stage, q = Q })!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = await RequestQueues.FilterAsync(db, User, List, Category, Stage, Q, NowUtc, ct);
        Results = await query.ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);
        Categories = await CategoryTree.ListAsync(db, ct, activeOnly: false);
        CategoryNames = Categories.ToDictionary(c => c.Id, c => c.Name);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var regionNames = await regions.GetAsync(ct);
        var query = await RequestQueues.FilterAsync(db, User, List, Category, Stage, Q, NowUtc, ct);
        var rows = await query.Take(Organization.Regions.IndexModel.ExportLimit).ToListAsync(ct);
        var names = await db.RequestCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        db.Audit(AuditActions.Export, nameof(ServiceRequest), detail: $"{rows.Count} rows");
        await db.SaveChangesAsync(ct);
        var local = TimeZoneInfo.Local;
        string? At(DateTime? utc) => utc is { } u ? TimeZoneInfo.ConvertTimeFromUtc(u, local).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null;
        return await Excel.DownloadAsync(HttpContext, 
            rows.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Request.Number"]] = r.Id,
                [l["Request.TitleField"]] = r.Title,
                [l["Field.Category"]] = names.GetValueOrDefault(r.CategoryId),
                [l["Field.Region"]] = regionNames.NameOf(r.RegionCode),
                [l["Field.RegionCode"]] = r.RegionCode,
                [l["Request.Channel"]] = l["Channel." + r.Channel].Value,
                [l["Field.Stage"]] = l["Stage." + r.Stage].Value,
                [l["Request.Created"]] = At(r.CreatedAtUtc),
                [l["Request.Due"]] = At(r.DueAtUtc),
                [l["Request.Overdue"]] = r.IsOverdue(NowUtc) ? l["Yes"].Value : l["No"].Value,
                [l["Request.Escalation"]] = r.EscalationLevel,
                [l["Request.Reopened"]] = r.ReopenCount,
            }),
            l["Nav.Requests"], ct);
    }
}
