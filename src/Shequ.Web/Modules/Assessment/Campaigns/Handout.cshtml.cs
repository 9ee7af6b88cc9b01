using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Assessment;

namespace Shequ.Web.Modules.Assessment.Campaigns;

/// <summary>What became of each drawn household's envelope (issue 14): delivered, not at home or refused, per household.</summary>
public sealed class HandoutModel(CampaignDesk desk, ShequDbContext db) : PageModel
{
    public const int PageSize = 100;

    public EvaluationCampaign Campaign { get; private set; } = null!;

    public List<Row> Rows { get; private set; } = [];

    public Dictionary<Handout, int> Counts { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int P { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public Handout? Status { get; set; }

    public int Total { get; private set; }

    public sealed record Row(int HouseholdId, string Householder, string Area, string Address, Handout Handout, DateOnly? On);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, Dictionary<int, Handout> statuses, CancellationToken ct)
    {
        if (!User.CanEditOrganization())
        {
            return Forbid();
        }

        var changed = await desk.RecordHandoutAsync(id, statuses, ct);
        if (changed < 0)
        {
            return NotFound();
        }

        TempData["Handouts"] = changed;
        return RedirectToPage(new { id, P, Status });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var found = await db.EvaluationCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (found is null)
        {
            return false;
        }

        Campaign = found;
        var all = db.SampledHouseholds.AsNoTracking().Where(s => s.CampaignId == id);
        Counts = await all.GroupBy(s => s.Handout).ToDictionaryAsync(g => g.Key, g => g.Count(), ct);
        var filtered = Status is { } status ? all.Where(s => s.Handout == status) : all;
        Total = await filtered.CountAsync(ct);
        var size = PagerModel.SizeFrom(Request, PageSize);
        P = Math.Clamp(P, 1, Math.Max(1, (Total + size - 1) / size));
        var page = await filtered.OrderBy(s => s.HouseholdId).Skip((P - 1) * size).Take(size).ToListAsync(ct);
        var labels = await desk.HouseholdLabelsAsync(page.Select(s => s.HouseholdId), ct);
        Rows = [.. page.Select(s => labels.TryGetValue(s.HouseholdId, out var l)
            ? new Row(s.HouseholdId, l.Householder, l.Area, l.Address, s.Handout, s.HandoutOn)
            : new Row(s.HouseholdId, string.Empty, string.Empty, string.Empty, s.Handout, s.HandoutOn))];
        return true;
    }
}
