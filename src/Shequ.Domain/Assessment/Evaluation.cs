using Shequ.Domain.Common;

namespace Shequ.Domain.Assessment;

/// <summary>Why an evaluation counts or not (E2-5, E2-7). Invalid ones are kept for opinion research but never counted.</summary>
public enum EvaluationValidity
{
    Valid = 1,
    NoReason = 2,
    UntrueReason = 3,
    ScreenedOut = 4,
}

public enum ReasonCheck
{
    Unchecked = 0,
    True = 1,
    Untrue = 2,
}

/// <summary>
/// One resident's grade of one worker on one item (E2-4). Unlinkable by design (item D19, ADR-011): no token,
/// resident, household, IP, user-agent or time; a random key; stored only when the campaign closes, all of its
/// grades in one shuffled write. Which grades were given together (the ballot) and on which day is kept only
/// sealed, line by line with a fresh nonce, so screening can look at ballots; it is forgotten when the results freeze.
/// </summary>
public sealed class Evaluation
{
    public const int MaxReason = 500;
    public const string BallotPurpose = "evaluation.ballot";

    private Evaluation()
    {
    }

    public Guid Id { get; private set; }

    public int CampaignId { get; private set; }

    /// <summary>The ballot and day, sealed (<see cref="BallotPurpose"/>); null once forgotten.</summary>
    public string? BallotSeal { get; private set; }

    /// <summary>The ballot the grade came on: known when cast, or after <see cref="RevealBallot"/>; not stored as such.</summary>
    public Guid BallotId { get; private set; }

    public int WorkerId { get; private set; }

    public int ServiceItemId { get; private set; }

    public Grade Grade { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>The day it was cast: known when cast, or after <see cref="RevealBallot"/>; not stored as such.</summary>
    public DateOnly Day { get; private set; }

    public ReasonCheck ReasonCheck { get; private set; }

    public bool ScreenedOut { get; private set; }

    public string? ScreeningNote { get; private set; }

    public EvaluationValidity Validity => ValidityOf(Grade, !string.IsNullOrWhiteSpace(Reason), ReasonCheck, ScreenedOut);

    /// <summary>E2-5 and E2-7: screened out, an untrue reason, or an extreme grade without one make an evaluation invalid.</summary>
    public static EvaluationValidity ValidityOf(Grade grade, bool hasReason, ReasonCheck check, bool screenedOut) =>
        screenedOut ? EvaluationValidity.ScreenedOut
        : check == ReasonCheck.Untrue ? EvaluationValidity.UntrueReason
        : NeedsReason(grade) && !hasReason ? EvaluationValidity.NoReason
        : EvaluationValidity.Valid;

    public bool Counts => Validity == EvaluationValidity.Valid;

    /// <summary>
    /// E2-5: an extreme grade's reason waits for a worker to check it, unless the ballot was screened out. One rule for
    /// the review page, the review API and 公示's "still unchecked" count, usable in a database query.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Evaluation, bool>> AwaitsReasonCheck =
        e => e.Reason != null && (e.Grade == Grade.Excellent || e.Grade == Grade.Poor) && e.ReasonCheck == ReasonCheck.Unchecked && !e.ScreenedOut;

    private static readonly Func<Evaluation, bool> AwaitsReasonCheckInMemory = AwaitsReasonCheck.Compile();

    public bool AwaitingReasonCheck => AwaitsReasonCheckInMemory(this);

    /// <summary>E2-5: the extreme grades must say why.</summary>
    public static bool NeedsReason(Grade grade) => grade is Grade.Excellent or Grade.Poor;

    /// <summary>A graded line as a resident submits it; the resident page and API refuse an extreme grade without a reason.</summary>
    public static Evaluation Cast(int campaignId, Guid ballotId, int workerId, int itemId, Grade grade, string? reason, DateOnly day, bool requireReason = true)
    {
        if (FirstBrokenRule(grade, reason, requireReason) is { } broken)
        {
            throw new BusinessRuleViolationException(broken);
        }

        return new Evaluation
        {
            Id = Guid.NewGuid(),
            CampaignId = campaignId,
            BallotId = ballotId,
            WorkerId = workerId,
            ServiceItemId = itemId,
            Grade = grade,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Day = day,
        };
    }

    /// <summary>The first rule a graded line breaks, or null: a reason for the extreme grades, and a reason that fits.</summary>
    public static IBusinessRule? FirstBrokenRule(Grade grade, string? reason, bool requireReason = true)
    {
        IBusinessRule[] rules = requireReason
            ? [new AnExtremeGradeGivesAReasonRule(grade, reason), new Requests.TextFitsRule("Evaluation.Reason", $"理由不超过 {MaxReason} 字。", reason, MaxReason)]
            : [new Requests.TextFitsRule("Evaluation.Reason", $"理由不超过 {MaxReason} 字。", reason, MaxReason)];
        return rules.FirstOrDefault(r => r.IsBroken());
    }

    /// <summary>Seals the ballot and day into the line (each seal with its own nonce, so equal ballots do not look equal).</summary>
    public void SealBallot(IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        BallotSeal = sealer.Seal(BallotPurpose, $"{BallotId:N}|{Day:yyyy-MM-dd}").Cipher;
    }

    /// <summary>Opens the sealed ballot and day for screening; false when they have been forgotten.</summary>
    public bool RevealBallot(IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        if (BallotSeal is null)
        {
            return false;
        }

        var parts = sealer.Open(BallotPurpose, BallotSeal).Split('|');
        BallotId = Guid.ParseExact(parts[0], "N");
        Day = DateOnly.ParseExact(parts[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Once the results freeze nothing can say any more which grades were given together.</summary>
    public void ForgetBallot() => BallotSeal = null;

    /// <summary>Staff record whether the reason held up on checking (E2-5); an untrue reason makes the evaluation invalid.</summary>
    public void CheckReason(bool isTrue) => ReasonCheck = isTrue ? ReasonCheck.True : ReasonCheck.Untrue;

    /// <summary>A person's decision on a screening flag (E2-7).</summary>
    public void Screen(bool exclude, string note)
    {
        ScreenedOut = exclude;
        ScreeningNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}

public sealed class AnExtremeGradeGivesAReasonRule(Grade grade, string? reason) : IBusinessRule
{
    public string Code => "Evaluation.Reason";

    public string Message => $"评为“{GradeNames.Chinese(grade)}”时请写明理由，没有理由的“优”或“差”不计入结果。";

    public bool IsBroken() => Evaluation.NeedsReason(grade) && string.IsNullOrWhiteSpace(reason);
}

/// <summary>Grades as points, and the evaluation summary of one worker (counts by grade, valid and invalid, response rate).</summary>
public sealed record GradePoints(decimal Excellent, decimal Good, decimal Fair, decimal Poor)
{
    public static GradePoints Default { get; } = new(100, 85, 70, 40);

    public decimal Of(Grade grade) => grade switch
    {
        Grade.Excellent => Excellent,
        Grade.Good => Good,
        Grade.Fair => Fair,
        _ => Poor,
    };
}

public sealed record EvaluationSummary(int Excellent, int Good, int Fair, int Poor, int Valid, int Invalid, int Invited, decimal? Score)
{
    public decimal ResponseRate => Invited == 0 ? 0 : (decimal)(Valid + Invalid) / Invited;

    /// <summary>
    /// Below the minimum of valid evaluations nothing about the grades is shown — no score, no counts by grade, no
    /// invalid count or response rate — only that there are too few (item D19, issue 14): a handful of grades is a
    /// handful of households. Each household grades a worker once per campaign, so valid grades count households.
    /// </summary>
    public bool Withheld { get; init; }

    /// <summary>Counts only valid evaluations; the score is shown only from <paramref name="minimumValid"/> valid ones (item D19).</summary>
    public static EvaluationSummary Of(IReadOnlyCollection<Evaluation> evaluations, int invited, GradePoints points, int minimumValid)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        return Of(evaluations.Select(e => new GradeTally(e.Grade, e.Validity, 1)), invited, points, minimumValid);
    }

    /// <summary>The same summary from counts, as a database groups them, so a district's evaluations need not be loaded one by one.</summary>
    public static EvaluationSummary Of(IEnumerable<GradeTally> tallies, int invited, GradePoints points, int minimumValid)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(points);
        var byGrade = new Dictionary<Grade, int>();
        var invalid = 0;
        foreach (var t in tallies)
        {
            if (t.Validity == EvaluationValidity.Valid)
            {
                byGrade[t.Grade] = byGrade.GetValueOrDefault(t.Grade) + t.Count;
            }
            else
            {
                invalid += t.Count;
            }
        }

        var valid = byGrade.Values.Sum();
        if (valid < minimumValid || valid == 0)
        {
            return new EvaluationSummary(0, 0, 0, 0, valid, 0, invited, null) { Withheld = true };
        }

        return new EvaluationSummary(
            byGrade.GetValueOrDefault(Grade.Excellent),
            byGrade.GetValueOrDefault(Grade.Good),
            byGrade.GetValueOrDefault(Grade.Fair),
            byGrade.GetValueOrDefault(Grade.Poor),
            valid,
            invalid,
            invited,
            valid >= minimumValid && valid > 0 ? Math.Round(byGrade.Sum(kv => points.Of(kv.Key) * kv.Value) / valid, 2) : null);
    }
}

/// <summary>How many evaluations share a grade and a validity.</summary>
public sealed record GradeTally(Grade Grade, EvaluationValidity Validity, int Count);
