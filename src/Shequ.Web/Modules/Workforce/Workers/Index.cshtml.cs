using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Organization;
using Shequ.Domain.Workforce;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Workforce.Workers;

public sealed class IndexModel(ShequDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public EmploymentCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public Qualification? Qualification { get; set; }

    [Shequ.Web.Modules.Organization.RegionFilter]
    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<Worker> Results { get; private set; } = new([], 1, Page<Worker>.DefaultSize, 0);

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    public string ExportUrl => Url.Page("Index", "Export", new { q = Q, category = Category, qualification = Qualification, under = Under })!;

    public async Task OnGetAsync(CancellationToken ct) => Results = await Filtered().ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Filtered().Include(w => w.Assignments).Take(Organization.Regions.IndexModel.ExportLimit).ToListAsync(ct);
        db.Audit(AuditActions.Export, nameof(Worker), detail: $"{rows.Count} rows");
        await db.SaveChangesAsync(ct);
        return await Excel.DownloadAsync(HttpContext, 
            rows.Select(w => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                [l["Field.PersonName"]] = w.Name,
                [l["Field.Position"]] = w.Position,
                [l["Field.Employment"]] = l["Employment." + w.Category].Value,
                [l["Field.Qualification"]] = l["Qualification." + w.Qualification].Value,
                [l["Field.QualificationYear"]] = w.QualificationYear,
                [l["Field.StartDate"]] = w.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [l["Field.Seniority"]] = w.SeniorityYears(Today),
                [l["Field.Employer"]] = w.RegionCode,
                [l["Field.Assignments"]] = string.Join(",", w.Assignments.Select(a => a.RegionCode)),
            }),
            l["Nav.Workers"], ct);
    }

    private IQueryable<Worker> Filtered()
    {
        var query = db.Workers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(w => w.Name.StartsWith(q) || w.Position.Contains(q));
        }

        if (Category is { } c)
        {
            query = query.Where(w => w.Category == c);
        }

        if (Qualification is { } q2)
        {
            query = query.Where(w => w.Qualification == q2);
        }

        if (RegionCode.FilterPrefix(Under) is { } prefix)
        {
            query = query.Where(w => w.RegionCode.StartsWith(prefix) || w.Assignments.Any(a => a.RegionCode.StartsWith(prefix)));
        }

        return query.OrderBy(w => w.RegionCode).ThenBy(w => w.Name);
    }
}
