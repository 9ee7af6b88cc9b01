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
        period.Close(Today);
        // Every campaign of the period, whoever is looking: a campaign left open would go on taking ballots (issue 14).
        var open = await db.EvaluationCampaigns.IgnoreQueryFilters().Where(c => c.PeriodId == period.Id && !c.IsClosed).ToListAsync(ct);
        await using var tx = await db.BeginOrJoinTransactionAsync(ct);
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
        var uncheckedReasons = await db.Evaluations.IgnoreQueryFilters().Where(e => campaignIds.Contains(e.CampaignId)).CountAsync(Evaluation.AwaitsReasonCheck, ct);
        var results = ScoreBoard.WriteSnapshot(await board.ComputeAsync(period, ct));
        period.Publicize(Today, objectionDays, results, uncheckedReasons, acceptedUnchecked);
        if (uncheckedReasons > 0)
        {
            db.Audit("publicize", nameof(AssessmentPeriod), period.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{uncheckedReasons} unchecked 优/差 reasons accepted as they stand: {acceptedUnchecked!.Trim()}");
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A change to published results (an upheld appeal, a reason found untrue after publication): the results are
    /// computed again from the data and stored, and every line that moved is recorded with the reason.
    /// </summary>
    /// <returns>How many lines changed.</returns>
    public async Task<int> CorrectAsync(AssessmentPeriod period, string? note, int? appealId, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var before = period.Results is { } stored ? ScoreBoard.ReadSnapshot(stored).ToDictionary(r => r.WorkerId) : [];
        var after = await board.ComputeAsync(period, ct);
        var changed = after.Where(r => !before.TryGetValue(r.WorkerId, out var old) || ScoreBoard.WriteSnapshot([old]) != ScoreBoard.WriteSnapshot([r])).ToList();
        period.Correct(ScoreBoard.WriteSnapshot(after), changed.Count, note);
        if (appealId is { } appeal && !await db.ScoreAppeals.IgnoreQueryFilters().AnyAsync(a => a.Id == appeal && a.PeriodId == period.Id, ct))
        {
            appealId = null;
        }

        db.ResultCorrections.AddRange(changed.Select(r => ResultCorrection.Of(period.Id, r.WorkerId, appealId,
            before.TryGetValue(r.WorkerId, out var old) ? (old.Card.Total, old.Evaluations.Valid) : (null, 0), (r.Card.Total, r.Evaluations.Valid), note!, by, Today)));
        db.Audit("correct", nameof(AssessmentPeriod), period.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{changed.Count} result lines corrected: {note!.Trim()}");
        await db.SaveChangesAsync(ct);
        return changed.Count;
    }

    /// <summary>A worker objects to their own published result, within the window.</summary>
    public async Task<ScoreAppeal> FileAppealAsync(AssessmentPeriod period, int workerId, string? text, CancellationToken ct)
    {
        var appeal = ScoreAppeal.File(period, workerId, text ?? string.Empty, Today);
        db.ScoreAppeals.Add(appeal);
        await db.SaveChangesAsync(ct);
        return appeal;
    }

    /// <summary>Decides an appeal of the period once, with the reason; null when the caller cannot see it.</summary>
    public async Task<ScoreAppeal?> DecideAsync(int periodId, int appealId, bool upheld, string? note, string by, CancellationToken ct)
    {
        var found = await db.ScoreAppeals.SingleOrDefaultAsync(a => a.Id == appealId && a.PeriodId == periodId, ct);
        if (found is null)
        {
            return null;
        }

        found.Decide(upheld, note ?? string.Empty, by, Today);
        await db.SaveChangesAsync(ct);
        return found;
    }

    /// <summary>Freezes the published results, with their corrections, as they stand.</summary>
    public async Task FreezeAsync(AssessmentPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var pending = await db.ScoreAppeals.IgnoreQueryFilters().CountAsync(a => a.PeriodId == period.Id && a.Decision == AppealDecision.Pending, ct);
        period.Freeze(Today, pending);
        await using var tx = await db.BeginOrJoinTransactionAsync(ct);
        await db.SaveChangesAsync(ct);

        // Screening is over: nothing need say any more which grades came together (ADR-011).
        var campaignIds = db.EvaluationCampaigns.IgnoreQueryFilters().Where(c => c.PeriodId == period.Id).Select(c => c.Id);
        await db.Evaluations.IgnoreQueryFilters().Where(e => campaignIds.Contains(e.CampaignId) && e.BallotSeal != null)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.BallotSeal, (string?)null), ct);
        await tx.CommitAsync(ct);
    }
}
