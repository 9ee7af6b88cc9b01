using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Opinion;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Opinion;

namespace Shequ.Web.Modules.Opinion.Suggestions;

/// <summary>Suggestions in scope by community, category, status and month, with the overdue replies.</summary>
public sealed class IndexModel(ShequDbContext db, OpinionDesk desk, Organization.RegionDirectory regions, IStringLocalizer<SharedResource> l) : PageModel
{
    [Shequ.Web.Modules.Organization.RegionFilter]
    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty(SupportsGet = true)]
    public OpinionCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public SuggestionStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<Suggestion> Results { get; private set; } = new([], 1, Page<Suggestion>.DefaultSize, 0);

    public DateOnly Today => desk.Today;

    public string ExportUrl => Url.Page("Index", "Export", new { under = Under, category = Category, status = Status, month = Month, overdue = Overdue, q = Q })!;

    public async Task OnGetAsync(CancellationToken ct) => Results = await Filtered().ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await Filtered().Take(Organization.Regions.IndexModel.ExportLimit).ToListAsync(ct);
        db.Audit(AuditActions.Export, nameof(Suggestion), detail: $"{rows.Count} rows");
        await db.SaveChangesAsync(ct);
        var regionNames = await regions.GetAsync(ct);
        return await Excel.DownloadAsync(HttpContext, rows.Select(s => SuggestionRow(l, regionNames, s)), l["Nav.Suggestions"], ct);
    }

    /// <summary>One suggestion as an Excel row (also used by the monthly summary).</summary>
    public static IReadOnlyDictionary<string, object?> SuggestionRow(IStringLocalizer l, Organization.RegionDirectory.Snapshot regionNames, Suggestion s)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(regionNames);
        return new Dictionary<string, object?>
        {
            [l["Request.Number"]] = s.Id,
            [l["Field.Region"]] = regionNames.NameOf(s.CommunityCode),
            [l["Field.RegionCode"]] = s.CommunityCode,
            [l["Suggestion.Source"]] = l["SuggestionSource." + s.Source].Value,
            [l["Suggestion.Text"]] = s.Text,
            [l["Field.Category"]] = l["OpinionCategory." + (s.Category ?? s.SuggestedCategory)].Value,
            [l["Suggestion.Keywords"]] = s.Keywords,
            [l["Suggestion.Group"]] = s.GroupId,
            [l["Field.Stage"]] = l["SuggestionStatus." + s.Status].Value,
            [l["Suggestion.Unit"]] = s.UnitName,
            [l["Suggestion.DueOn"]] = s.ReplyDueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [l["Suggestion.Reply"]] = s.Reply,
            [l["Suggestion.OnTime"]] = s.RepliedOnTime is { } onTime ? (onTime ? l["Yes"].Value : l["No"].Value) : null,
            [l["Suggestion.Rating"]] = s.Rating,
        };
    }

    private IQueryable<Suggestion> Filtered() => SuggestionQueries.Filter(db, Under, Category, Status, Month, Overdue ? Today : null, Q);
}
