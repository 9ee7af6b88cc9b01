using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;

namespace Shequ.Web.Modules.Assessment;

/// <summary>
/// A period's road after its quarter (E2-3): close it (its campaigns close, slip keys are destroyed and unused
/// codes expire), publish the results for objections (公示), decide appeals, and freeze the results.
/// </summary>
public sealed class PeriodDesk(ShequDbContext db, ScoreBoard board, CampaignDesk campaigns, TimeProvider time)
{
    public const int DefaultObjectionDays = 7;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    /// <summary>Closes the period and its open campaigns; returns how many campaigns closed.</summary>
    public async Task<int> CloseAsync(AssessmentPeriod period, CancellationToken ct, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        period.Close();
        // Every campaign of the period, whoever is looking: a campaign left open would go on taking ballots (issue 14).
        var open = await db.EvaluationCampaigns.IgnoreQueryFilters().Where(c => c.PeriodId == period.Id && !c.IsClosed).ToListAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var done = 0;
        foreach (var campaign in open)
        {
            await campaigns.CloseAsync(campaign, ct);
            progress?.Report(++done);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return open.Count;
    }

    /// <summary>
    /// 公示: the period's results go public for objections, once every 优 and 差 reason that still counts has been
    /// checked, or with the recorded decision to accept the unchecked ones (an audit line says who and why).
    /// </summary>
    public async Task PublicizeAsync(AssessmentPeriod period, int objectionDays, string? acceptedUnchecked, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var campaignIds = db.EvaluationCampaigns.IgnoreQueryFilters().Where(c => c.PeriodId == period.Id).Select(c => c.Id);
        var uncheckedReasons = await db.Evaluations.IgnoreQueryFilters().CountAsync(e => campaignIds.Contains(e.CampaignId)
            && (e.Grade == Domain.Common.Grade.Excellent || e.Grade == Domain.Common.Grade.Poor)
            && e.Reason != null && e.ReasonCheck == ReasonCheck.Unchecked && !e.ScreenedOut, ct);
        period.Publicize(Today, objectionDays, uncheckedReasons, acceptedUnchecked);
        if (uncheckedReasons > 0)
        {
            db.Audit("publicize", nameof(AssessmentPeriod), period.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{uncheckedReasons} unchecked 优/差 reasons accepted as they stand: {acceptedUnchecked!.Trim()}");
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Freezes the results with the score board as it stands.</summary>
    public async Task FreezeAsync(AssessmentPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var pending = await db.ScoreAppeals.IgnoreQueryFilters().CountAsync(a => a.PeriodId == period.Id && a.Decision == AppealDecision.Pending, ct);
        var scores = await board.ComputeAsync(period.Id, ct);
        var snapshot = JsonSerializer.Serialize(scores?.Rows.Select(r => new { r.WorkerId, r.Name, r.Community, r.Evaluations.Valid, r.Evaluations.Invalid, r.Card.Total, r.RankInCommunity, r.RankInStreet }) ?? []);
        period.Freeze(Today, pending, snapshot);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);

        // Screening is over: nothing need say any more which grades came together (ADR-011).
        var campaignIds = db.EvaluationCampaigns.IgnoreQueryFilters().Where(c => c.PeriodId == period.Id).Select(c => c.Id);
        await db.Evaluations.IgnoreQueryFilters().Where(e => campaignIds.Contains(e.CampaignId) && e.BallotSeal != null)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.BallotSeal, (string?)null), ct);
        await tx.CommitAsync(ct);
    }
}
