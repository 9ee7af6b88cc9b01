using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;

namespace Shequ.Web.Modules.Assessment;

public enum ReviewOutcome
{
    Done = 1,
    NotFound = 2,

    /// <summary>The period's results are frozen: the review that fed them is over.</summary>
    Frozen = 3,
}

/// <summary>
/// Review before scores count (E2-5, E2-7): a reason checked true or untrue, a screening flag decided for a ballot.
/// Ballots are revealed only in memory, for the lines changed (ADR-011); a frozen period takes no more review.
/// </summary>
public sealed class ReviewDesk(ShequDbContext db, IPersonalDataSealer sealer)
{
    public const string FrozenReviewIsOver = "该考核期的结果已定档，评议审核已经结束，不能再改动。";

    public Task<(ReviewOutcome Outcome, int Changed)> CheckReasonAsync(int campaignId, Guid evaluationId, bool isTrue, CancellationToken ct) =>
        ChangeAsync(campaignId, e => e.Id == evaluationId, _ => true, e => e.CheckReason(isTrue), ct);

    public Task<(ReviewOutcome Outcome, int Changed)> ScreenAsync(int campaignId, Guid ballotId, bool exclude, string? kind, string by, CancellationToken ct) =>
        ChangeAsync(campaignId, e => e.BallotSeal != null, e => e.BallotId == ballotId, e => e.Screen(exclude, $"{kind}：{(exclude ? "剔除" : "保留")}（{by}）"), ct);

    /// <summary>Changes the lines <paramref name="stored"/> selects in the database and <paramref name="opened"/> among them once their ballots are revealed.</summary>
    private async Task<(ReviewOutcome, int)> ChangeAsync(int campaignId, System.Linq.Expressions.Expression<Func<Evaluation, bool>> stored, Func<Evaluation, bool> opened, Action<Evaluation> change, CancellationToken ct)
    {
        var status = await db.EvaluationCampaigns.Where(c => c.Id == campaignId)
            .Join(db.AssessmentPeriods.IgnoreQueryFilters(), c => c.PeriodId, p => p.Id, (_, p) => (PeriodStatus?)p.Status).SingleOrDefaultAsync(ct);
        if (status is null)
        {
            return (ReviewOutcome.NotFound, 0);
        }

        if (status == PeriodStatus.Frozen)
        {
            return (ReviewOutcome.Frozen, 0);
        }

        var evaluations = await db.Evaluations.Where(e => e.CampaignId == campaignId).Where(stored).ToListAsync(ct);
        evaluations.ForEach(e => e.RevealBallot(sealer));
        evaluations = [.. evaluations.Where(opened)];
        if (evaluations.Count == 0)
        {
            return (ReviewOutcome.NotFound, 0);
        }

        evaluations.ForEach(change);
        db.Audit(Shequ.Data.Audit.AuditActions.Updated, nameof(Evaluation), campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{evaluations.Count} reviewed");
        await db.SaveChangesAsync(ct);
        return (ReviewOutcome.Done, evaluations.Count);
    }
}
