using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Assessment;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Organization;

namespace Shequ.Web.Modules.Assessment;

/// <summary>Assessment periods and evaluation campaigns: open a quarter or a year, start a campaign, reach its slips and scores.</summary>
public sealed class IndexModel(ShequDbContext db, CampaignDesk desk, RegionDirectory regions, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<AssessmentPeriod> Periods { get; private set; } = [];

    public List<EvaluationCampaign> Campaigns { get; private set; } = [];

    public bool CanEdit => User.CanEditOrganization();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPeriodAsync(int year, int? quarter, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var district = (User.RegionCodeOf() ?? string.Empty)[..Math.Min(6, (User.RegionCodeOf() ?? string.Empty).Length)];
        if (await db.AssessmentPeriods.AnyAsync(p => p.DistrictCode == district && p.Year == year && p.Quarter == quarter, ct))
        {
            return await RefuseAsync(l["Assessment.PeriodExists"], ct);
        }

        try
        {
            db.AssessmentPeriods.Add(AssessmentPeriod.For(district, year, quarter));
            await db.SaveChangesAsync(ct);
            return RedirectToPage();
        }
        catch (BusinessRuleViolationException ex)
        {
            return await RefuseAsync(RuleMessages.For(l, ex), ct);
        }
    }

    public async Task<IActionResult> OnPostCampaignAsync(int periodId, string? region, int perItem, int maxPerWorker, int days, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        region = await regions.FilterCodeAsync(region, User, ct);
        var (campaign, error, _) = await desk.StartAsync(new CampaignRequest(periodId, region, perItem, maxPerWorker, days), User.Identity!.Name!, ct);
        return campaign is null ? await RefuseAsync(error!, ct) : RedirectToPage("Campaigns/Details", new { id = campaign.Id });
    }

    private async Task<IActionResult> RefuseAsync(string message, CancellationToken ct)
    {
        ModelState.AddModelError(string.Empty, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Periods = await db.AssessmentPeriods.AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter).Take(40).ToListAsync(ct);
        Campaigns = await db.EvaluationCampaigns.AsNoTracking().OrderByDescending(c => c.Id).Take(50).ToListAsync(ct);
    }
}
