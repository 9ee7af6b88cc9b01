using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Assessment.Campaigns;

/// <summary>A campaign: its counts, seed and response so far; its slips while it runs; closing it.</summary>
public sealed class DetailsModel(ShequDbContext db, Shequ.Web.Modules.Assessment.CampaignDesk desk, Shequ.Web.Modules.Assessment.IInvitationSender sender, Shequ.Web.Modules.Assessment.InvitationTexts texts) : PageModel
{
    public EvaluationCampaign Campaign { get; private set; } = null!;

    public string PeriodLabel { get; private set; } = string.Empty;

    public int Used { get; private set; }

    public int Ballots { get; private set; }

    public bool CanEdit => User.CanEditOrganization();

    public bool CanText => sender.IsConfigured;

    public async Task<IActionResult> OnPostTextAsync(int id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var (sent, without) = await texts.SendAsync(id, $"{Request.Scheme}://{Request.Host}", ct);
        db.Audit(Shequ.Data.Audit.AuditActions.Export, nameof(EvaluationCampaign), id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{sent} texts sent, {without} without a phone");
        await db.SaveChangesAsync(ct);
        TempData["Texted"] = $"{sent}/{without}";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct)
    {
        var campaign = await db.EvaluationCampaigns.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await desk.CloseAsync(campaign, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var found = await db.EvaluationCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (found is null)
        {
            return false;
        }

        Campaign = found;
        PeriodLabel = (await db.AssessmentPeriods.AsNoTracking().SingleAsync(p => p.Id == found.PeriodId, ct)).Label;
        Used = await db.EvaluationInvitations.CountAsync(i => i.CampaignId == id && i.UsedAtUtc != null, ct);
        Ballots = await db.Evaluations.IgnoreQueryFilters().Where(e => e.CampaignId == id).Select(e => e.BallotId).Distinct().CountAsync(ct);
        return true;
    }
}
