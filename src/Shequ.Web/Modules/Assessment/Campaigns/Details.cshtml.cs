using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Assessment.Campaigns;

/// <summary>A campaign: its counts, seed and response so far; its slips while it runs; closing it.</summary>
public sealed class DetailsModel(ShequDbContext db, Shequ.Web.Modules.Assessment.ScoreBoard board, Shequ.Web.Modules.Assessment.CampaignDesk desk, Shequ.Web.Modules.Assessment.IInvitationSender sender, Shequ.Web.Modules.Assessment.InvitationTexts texts) : PageModel
{
    public EvaluationCampaign Campaign { get; private set; } = null!;

    public string PeriodLabel { get; private set; } = string.Empty;

    public int Used { get; private set; }

    public bool CanEdit => User.CanEditOrganization();

    /// <summary>Per worker: households drawn, envelopes delivered, ballots received (withheld below the minimum).</summary>
    public List<WorkerResponse> Responses { get; private set; } = [];

    public sealed record WorkerResponse(string Name, int Invited, int Delivered, int? Received);

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

    /// <summary>The outcome of "核验抽样", when asked for.</summary>
    public DrawVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>Re-runs the draw from what the campaign stored (issue 14): MATCH, or the first difference.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Verification = Campaign.Verify();
        return Page();
    }

    /// <summary>One workbook for the auditor: the seed and rule, the frame, the exclusions and the draw, each a sheet.</summary>
    public async Task<IActionResult> OnGetAuditAsync(int id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var c = Campaign;
        static IEnumerable<Dictionary<string, object?>> Rows(string text, params string[] columns) =>
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).Select(p => columns.Select((name, i) => (name, value: (object?)p.ElementAtOrDefault(i))).ToDictionary(x => x.name, x => x.value));
        var sheets = new Dictionary<string, object>
        {
            ["种子与规则"] = new[] { new Dictionary<string, object?> { ["评议"] = c.Id, ["区划"] = c.RegionCode, ["随机种子"] = c.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), ["每项抽取"] = c.PerItem, ["每人最多"] = c.MaxPerWorker, ["核验"] = c.Verify().Verdict } },
            ["抽样框"] = Rows(c.Frame, "工作人员", "服务项目", "网格", "住户"),
            ["排除名单"] = Rows(c.Exclusions, "原因", "对象", "住户"),
            ["抽取结果"] = Rows(c.Outcome, "住户", "工作人员", "服务项目"),
        };
        db.Audit(Shequ.Data.Audit.AuditActions.Export, nameof(EvaluationCampaign), id.ToString(System.Globalization.CultureInfo.InvariantCulture), "draw audit workbook");
        await db.SaveChangesAsync(ct);
        var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, sheets, cancellationToken: ct);
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"campaign-{id}-audit.xlsx");
    }

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
        Used = await db.EvaluationInvitations.CountAsync(i => i.CampaignId == id && i.IsUsed, ct);
        if (found.IsClosed)
        {
            Responses = await ResponsesAsync(found, ct);
        }

        return true;
    }

    /// <summary>
    /// Drawn households per worker come from the stored draw; delivered from the handout record of those households;
    /// received from the written evaluations — not shown below the scheme's minimum, as on the score board (item D19).
    /// </summary>
    private async Task<List<WorkerResponse>> ResponsesAsync(EvaluationCampaign campaign, CancellationToken ct)
    {
        var draws = campaign.Outcome.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(','))
            .Where(p => p.Length >= 2 && int.TryParse(p[0], System.Globalization.CultureInfo.InvariantCulture, out _) && int.TryParse(p[1], System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(p => (Household: int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), Worker: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct().ToList();
        var delivered = (await db.SampledHouseholds.AsNoTracking().Where(s => s.CampaignId == campaign.Id && s.Handout == Handout.Delivered).Select(s => s.HouseholdId).ToListAsync(ct)).ToHashSet();
        var received = await db.Evaluations.IgnoreQueryFilters().Where(e => e.CampaignId == campaign.Id).GroupBy(e => e.WorkerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var invited = await db.InvitedCounts.Where(i => i.CampaignId == campaign.Id).ToDictionaryAsync(i => i.WorkerId, i => i.Subjects, ct);
        var visible = await db.Workers.Where(w => invited.Keys.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var period = await db.AssessmentPeriods.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == campaign.PeriodId, ct);
        var minimum = (await board.SchemeForAsync(period, ct)).MinimumValidEvaluations;
        return [.. visible.OrderBy(w => w.Value, StringComparer.Ordinal).Select(w => new WorkerResponse(w.Value, invited[w.Key],
            draws.Count(d => d.Worker == w.Key && delivered.Contains(d.Household)),
            received.GetValueOrDefault(w.Key) is var n && n >= minimum ? n : null))];
    }
}
