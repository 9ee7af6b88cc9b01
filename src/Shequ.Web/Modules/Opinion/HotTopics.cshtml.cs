using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Opinion;

namespace Shequ.Web.Modules.Opinion;

/// <summary>
/// 热点难点 (E4-7): the month's keywords and groups of similar suggestions for a region, as a chart and a table,
/// the replies per responsible unit, and the monthly summary sheet for Excel.
/// </summary>
public sealed class HotTopicsModel(ShequDbContext db, OpinionDesk desk, Organization.RegionDirectory regions, IStringLocalizer<SharedResource> l) : PageModel
{
    [Shequ.Web.Modules.Organization.RegionFilter]
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public HotTopicsDto Topics { get; private set; } = new(string.Empty, string.Empty, 0, [], [], []);

    public List<SuggestionQueries.UnitFigures> Units { get; private set; } = [];

    public string ChartJson { get; private set; } = "{}";

    public string ExportUrl => Url.Page("HotTopics", "Export", new { region = Region, month = Month })!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Normalise();
        Topics = await SuggestionQueries.HotTopicsAsync(db, Region, Month!, ct);
        Units = await SuggestionQueries.UnitsAsync(db, desk.Today, ct);
        ChartJson = JsonSerializer.Serialize(new
        {
            keywords = Topics.Keywords.Take(12).Select(k => k.Keyword),
            counts = Topics.Keywords.Take(12).Select(k => k.Count),
            categories = Topics.Categories.Select(c => new { name = l["OpinionCategory." + c.Category].Value, value = c.Count }),
        });
    }

    /// <summary>The monthly summary: keywords, categories, groups, units and every suggestion, one sheet each.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        Normalise();
        var topics = await SuggestionQueries.HotTopicsAsync(db, Region, Month!, ct);
        var units = await SuggestionQueries.UnitsAsync(db, desk.Today, ct);
        var suggestions = await SuggestionQueries.Filter(db, Region, null, null, Month, null).Take(Organization.Regions.IndexModel.ExportLimit).ToListAsync(ct);
        db.Audit(AuditActions.Export, "HotTopics", detail: $"{Month} {Region}: {suggestions.Count} suggestions");
        await db.SaveChangesAsync(ct);
        var regionNames = await regions.GetAsync(ct);
        var sheets = new Dictionary<string, object>
        {
            [l["HotTopics.Keywords"]] = topics.Keywords.Select(k => new Dictionary<string, object?> { [l["HotTopics.Keyword"]] = k.Keyword, [l["HotTopics.Count"]] = k.Count }).ToList(),
            [l["HotTopics.Categories"]] = topics.Categories.Select(c => new Dictionary<string, object?> { [l["Field.Category"]] = l["OpinionCategory." + c.Category].Value, [l["HotTopics.Count"]] = c.Count }).ToList(),
            [l["HotTopics.Groups"]] = topics.Groups.Select(g => new Dictionary<string, object?> { [l["Suggestion.Group"]] = g.GroupId, [l["HotTopics.Count"]] = g.Size, [l["Suggestion.Text"]] = Excel.Defuse(g.Example) }).ToList(),
            [l["HotTopics.Units"]] = units.Select(u => new Dictionary<string, object?>
            {
                [l["Suggestion.Unit"]] = Excel.Defuse(u.Unit), [l["HotTopics.Routed"]] = u.Routed, [l["HotTopics.Replied"]] = u.Replied,
                [l["HotTopics.ClosureRate"]] = Math.Round(u.ClosureRate, 3), [l["HotTopics.OnTimeRate"]] = Math.Round(u.OnTimeRate, 3),
                [l["HotTopics.Overdue"]] = u.Overdue, [l["HotTopics.AverageRating"]] = u.AverageRating is { } r ? Math.Round(r, 2) : null,
            }).ToList(),
            [l["Nav.Suggestions"]] = suggestions.Select(s => Suggestions.IndexModel.SuggestionRow(l, regionNames, s).ToDictionary(kv => kv.Key, kv => Excel.Defuse(kv.Value))).ToList(),
        };
        using var ms = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(ms, sheets);
        return File(ms.ToArray(), Excel.ContentType, $"opinion-summary-{Month}.xlsx");
    }

    private void Normalise()
    {
        if (!SuggestionQueries.TryParseMonth(Month, out _))
        {
            Month = desk.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
