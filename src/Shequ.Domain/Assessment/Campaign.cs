using Shequ.Domain.Common;

namespace Shequ.Domain.Assessment;

public enum PeriodStatus
{
    Open = 1,
    Closed = 2,

    /// <summary>公示: results are public and open to objections until the window ends.</summary>
    Publicized = 3,

    /// <summary>The window has closed and every appeal is decided; the results no longer change.</summary>
    Frozen = 4,
}

/// <summary>A quarter, or a year that combines its quarters (E2-3), of one district.</summary>
public sealed class AssessmentPeriod : Entity
{
    private AssessmentPeriod()
    {
        DistrictCode = string.Empty;
    }

    public int Id { get; private set; }

    public string DistrictCode { get; private set; }

    public int Year { get; private set; }

    /// <summary>1–4, or null for the annual period.</summary>
    public int? Quarter { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public PeriodStatus Status { get; private set; } = PeriodStatus.Open;

    public DateOnly? ObjectionsUntil { get; private set; }

    /// <summary>
    /// The day the period was closed. Its indicators measure up to this day or its end, whichever comes first,
    /// so a period closed and published keeps its denominators (issue 14: a work-log rate moved with no new data).
    /// </summary>
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>
    /// The results as published (JSON), replaced only by a recorded correction and kept as they are at freezing:
    /// from publication on every page, export, API and pay figure reads these, not a fresh computation.
    /// </summary>
    public string? Results { get; private set; }

    /// <summary>The last day whose work counts: the period's end, or the day it was closed if that came first.</summary>
    public DateOnly MeasuredUntil => ClosedOn is { } closed && closed < EndsOn ? closed : EndsOn;

    /// <summary>From 公示 on, results come from <see cref="Results"/>.</summary>
    public bool IsPublished => Status >= PeriodStatus.Publicized;

    public string Label => Quarter is { } q ? $"{Year}年第{q}季度" : $"{Year}年度";

    public static AssessmentPeriod For(string districtCode, int year, int? quarter)
    {
        if (year is < 2000 or > 2100 || quarter is < 1 or > 4)
        {
            throw new BusinessRuleViolationException(new APeriodIsAQuarterOrAYearRule(year, quarter));
        }

        var start = new DateOnly(year, quarter is { } q ? ((q - 1) * 3) + 1 : 1, 1);
        return new AssessmentPeriod
        {
            DistrictCode = districtCode, Year = year, Quarter = quarter, StartsOn = start,
            EndsOn = quarter is null ? new DateOnly(year, 12, 31) : start.AddMonths(3).AddDays(-1),
        };
    }

    public void Close(DateOnly today)
    {
        CheckRule(new APeriodMovesForwardRule(Status, PeriodStatus.Closed));
        Status = PeriodStatus.Closed;
        ClosedOn = today;
        Touch();
    }

    /// <summary>
    /// 公示: publish the results with a window for objections. Every 优 and 差 reason must have been checked first
    /// (E2-5), unless someone records why the unchecked ones are accepted as they stand (<paramref name="acceptedUnchecked"/>).
    /// </summary>
    public void Publicize(DateOnly today, int objectionDays, string results, int uncheckedReasons = 0, string? acceptedUnchecked = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(results);
        CheckRule(new APeriodMovesForwardRule(Status, PeriodStatus.Publicized));
        CheckRule(new AnObjectionWindowLastsOneToThirtyDaysRule(objectionDays));
        CheckRule(new ExtremeReasonsAreCheckedBeforePublicationRule(uncheckedReasons, acceptedUnchecked));
        Status = PeriodStatus.Publicized;
        ObjectionsUntil = today.AddDays(objectionDays);
        Results = results;
        Touch();
    }

    /// <summary>
    /// A change after publication: the published results are replaced, and each changed line is kept as a
    /// <see cref="ResultCorrection"/> with who, when and why. Only during 公示; frozen results do not change.
    /// </summary>
    public void Correct(string results, int changedLines, string? note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(results);
        CheckRule(new PublishedResultsChangeOnlyByARecordedCorrectionRule(Status, changedLines, note));
        Results = results;
        Touch();
    }

    public bool AcceptsObjections(DateOnly today) => Status == PeriodStatus.Publicized && today <= ObjectionsUntil;

    /// <summary>Freezes the results once the window has closed and no appeal is pending.</summary>
    /// <summary>Freezes the published results (with their corrections) once the window has closed and no appeal is pending.</summary>
    public void Freeze(DateOnly today, int pendingAppeals)
    {
        CheckRule(new APeriodMovesForwardRule(Status, PeriodStatus.Frozen));
        CheckRule(new ResultsFreezeAfterTheWindowWithEveryAppealDecidedRule(today, ObjectionsUntil, pendingAppeals));
        Status = PeriodStatus.Frozen;
        Touch();
    }
}

public enum AppealDecision
{
    Pending = 0,
    Upheld = 1,
    Rejected = 2,
}

/// <summary>A worker's objection to their published result, and the recorded decision.</summary>
public sealed class ScoreAppeal : Entity
{
    private ScoreAppeal()
    {
        Text = string.Empty;
    }

    public int Id { get; private set; }

    public int PeriodId { get; private set; }

    public int WorkerId { get; private set; }

    public string Text { get; private set; }

    public DateOnly FiledOn { get; private set; }

    public AppealDecision Decision { get; private set; }

    public string? DecisionNote { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public static ScoreAppeal File(AssessmentPeriod period, int workerId, string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        CheckRule(new AnAppealIsFiledInTheWindowWithAReasonRule(period.AcceptsObjections(today), text));
        return new ScoreAppeal { PeriodId = period.Id, WorkerId = workerId, Text = text.Trim(), FiledOn = today };
    }

    public void Decide(bool upheld, string note, string by, DateOnly today)
    {
        CheckRule(new AnAppealIsDecidedOnceWithAReasonRule(Decision, note));
        Decision = upheld ? AppealDecision.Upheld : AppealDecision.Rejected;
        DecisionNote = note.Trim();
        DecidedBy = by;
        DecidedOn = today;
        Touch();
    }
}

/// <summary>One line of the published results changed after publication, and why (issue 14).</summary>
public sealed class ResultCorrection
{
    private ResultCorrection()
    {
        Note = string.Empty;
        By = string.Empty;
    }

    public int Id { get; private set; }

    public int PeriodId { get; private set; }

    public int WorkerId { get; private set; }

    /// <summary>The appeal that led to it, if one did.</summary>
    public int? AppealId { get; private set; }

    public decimal? TotalBefore { get; private set; }

    public decimal? TotalAfter { get; private set; }

    public int ValidBefore { get; private set; }

    public int ValidAfter { get; private set; }

    public string Note { get; private set; }

    public string By { get; private set; }

    public DateOnly On { get; private set; }

    public static ResultCorrection Of(int periodId, int workerId, int? appealId, (decimal? Total, int Valid) before, (decimal? Total, int Valid) after, string note, string by, DateOnly on) => new()
    {
        PeriodId = periodId, WorkerId = workerId, AppealId = appealId, TotalBefore = before.Total, TotalAfter = after.Total,
        ValidBefore = before.Valid, ValidAfter = after.Valid, Note = note.Trim(), By = by, On = on,
    };
}

public sealed class PublishedResultsChangeOnlyByARecordedCorrectionRule(PeriodStatus status, int changedLines, string? note) : IBusinessRule
{
    public string Code => "Period.Correction";

    public string Message => status != PeriodStatus.Publicized
        ? "只有公示期内的结果可以更正；定档后的结果不再改变。"
        : changedLines == 0 ? "按当前数据重新计算，结果没有变化，无需更正。" : "更正已公示的结果须写明理由（不超过 1000 字）。";

    public bool IsBroken() => status != PeriodStatus.Publicized || changedLines == 0 || string.IsNullOrWhiteSpace(note) || note.Trim().Length > 1000;
}

public sealed class APeriodMovesForwardRule(PeriodStatus from, PeriodStatus to) : IBusinessRule
{
    public string Code => "Period.Status";

    public string Message => "考核期须依次经过：进行中 → 已结束 → 公示 → 定档，不能跳过或回退。";

    public bool IsBroken() => (int)to != (int)from + 1;
}

public sealed class ExtremeReasonsAreCheckedBeforePublicationRule(int uncheckedReasons, string? acceptedUnchecked) : IBusinessRule
{
    public string Code => "Period.Unchecked";

    public string Message => $"还有 {uncheckedReasons} 条“优”“差”的理由没有核实。请先在评议审核中逐条核实，或写明按原样接受的理由后再公示。";

    public bool IsBroken() => uncheckedReasons > 0 && string.IsNullOrWhiteSpace(acceptedUnchecked);
}

public sealed class AnObjectionWindowLastsOneToThirtyDaysRule(int days) : IBusinessRule
{
    public string Code => "Period.Window";

    public string Message => "公示期应为 1 至 30 天。";

    public bool IsBroken() => days is < 1 or > 30;
}

public sealed class ResultsFreezeAfterTheWindowWithEveryAppealDecidedRule(DateOnly today, DateOnly? until, int pending) : IBusinessRule
{
    public string Code => "Period.Freeze";

    public string Message => "公示期结束且所有申诉都有处理结果后才能定档。";

    public bool IsBroken() => until is null || today <= until || pending > 0;
}

public sealed class AnAppealIsFiledInTheWindowWithAReasonRule(bool open, string? text) : IBusinessRule
{
    public string Code => "Appeal.File";

    public string Message => "只能在公示期内提出申诉，并写明理由（不超过 1000 字）。";

    public bool IsBroken() => !open || string.IsNullOrWhiteSpace(text) || text.Trim().Length > 1000;
}

public sealed class AnAppealIsDecidedOnceWithAReasonRule(AppealDecision decision, string? note) : IBusinessRule
{
    public string Code => "Appeal.Decide";

    public string Message => "每件申诉只处理一次，并写明处理意见。";

    public bool IsBroken() => decision != AppealDecision.Pending || string.IsNullOrWhiteSpace(note) || note.Trim().Length > 1000;
}

/// <summary>
/// A round of resident evaluations for a period (E2-6): the seed and the sampling frame are kept so an auditor
/// can reproduce the draw. The slip key lets slips be printed again while the campaign runs; it is sealed,
/// and destroyed when the campaign closes, after which no token can be recomputed.
/// </summary>
public sealed class EvaluationCampaign : Entity
{
    public const int DefaultDays = 14;

    private EvaluationCampaign()
    {
        RegionCode = string.Empty;
        Frame = string.Empty;
        Exclusions = string.Empty;
        Outcome = string.Empty;
        CreatedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int PeriodId { get; private set; }

    /// <summary>The region whose workers are evaluated.</summary>
    public string RegionCode { get; private set; }

    public long Seed { get; private set; }

    public int PerItem { get; private set; }

    public int MaxPerWorker { get; private set; }

    /// <summary>The sampling frame as served (worker, item, grid, household) lines, for the audit.</summary>
    public string Frame { get; private set; }

    /// <summary>Who could not be drawn and why (<see cref="DrawRecord.Exclusions"/>), for the audit.</summary>
    public string Exclusions { get; private set; }

    /// <summary>Who was asked about whom (<see cref="DrawRecord.Outcome"/>), for the audit.</summary>
    public string Outcome { get; private set; }

    public string? SlipKeyCipher { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public string CreatedBy { get; private set; }

    public int Workers { get; private set; }

    public int Invitations { get; private set; }

    public bool IsClosed { get; private set; }

    public static EvaluationCampaign Start(AssessmentPeriod period, string regionCode, SampleRule rule, long seed, string frame, string slipKeyCipher, DateTime nowUtc, int days, string by)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(rule);
        CheckRule(new ACampaignRunsInAnOpenPeriodWithASensibleRuleRule(period.Status, rule, days));
        CheckRule(new TheYearIsScoredFromItsQuartersRule(period.Quarter));
        return new EvaluationCampaign
        {
            PeriodId = period.Id, RegionCode = regionCode, Seed = seed, PerItem = rule.PerItem, MaxPerWorker = rule.MaxPerWorker,
            Frame = frame, SlipKeyCipher = slipKeyCipher, CreatedAtUtc = nowUtc, ExpiresAtUtc = nowUtc.AddDays(days), CreatedBy = by,
        };
    }

    /// <summary>
    /// Draws a campaign (E2-6): the seed is the one the system drew, the frame and exclusions are stored with the
    /// outcome. A worker whom fewer than <paramref name="minimumPerWorker"/> eligible households could grade is left
    /// out (their grades could never make a score, and would be all the easier to trace); a draw that leaves any
    /// worker taken in short of the minimum is refused, as is a draw of nobody.
    /// </summary>
    public static (EvaluationCampaign Campaign, IReadOnlyList<Draw> Draws) Draw(
        AssessmentPeriod period, string regionCode, SampleRule rule, long seed, IReadOnlyCollection<ServedHousehold> frame, SamplingExclusions exclusions,
        int minimumPerWorker, IReadOnlyDictionary<int, string> workerNames, string slipKeyCipher, DateTime nowUtc, int days, string by)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(exclusions);
        var campaign = Start(period, regionCode, rule, seed, DrawRecord.Frame(frame), slipKeyCipher, nowUtc, days, by);
        var leftOut = frame.GroupBy(f => f.WorkerId)
            .Where(g => g.Where(f => !exclusions.Excludes(f)).Select(f => f.HouseholdId).Distinct().Count() < minimumPerWorker)
            .Select(g => g.Key).ToHashSet();
        exclusions = exclusions with { LeftOutWorkers = leftOut };
        var draws = EvaluatorSampler.Draw(frame, exclusions, rule, seed);
        var drawnPerWorker = draws.CountBy(d => d.WorkerId).ToDictionary();
        var byWorker = frame.Select(f => f.WorkerId).Distinct().Where(w => !leftOut.Contains(w)).ToDictionary(w => w, w => drawnPerWorker.GetValueOrDefault(w));
        CheckRule(new EveryWorkerHasEnoughEvaluatorsRule(byWorker, workerNames, minimumPerWorker));
        campaign.Exclusions = DrawRecord.Exclusions(exclusions);
        campaign.Outcome = DrawRecord.Outcome(draws);
        return (campaign, draws);
    }

    /// <summary>Runs the draw again from the stored seed, rule, frame and exclusions and compares it with the stored outcome.</summary>
    public DrawVerification Verify()
    {
        var redrawn = DrawRecord.Outcome(EvaluatorSampler.Draw(DrawRecord.ParseFrame(Frame), DrawRecord.ParseExclusions(Exclusions), new SampleRule(PerItem, MaxPerWorker), Seed));
        var difference = DrawRecord.FirstDifference(Outcome, redrawn);
        return new DrawVerification(difference is null, difference);
    }

    public void Count(int workers, int invitations) => (Workers, Invitations) = (workers, invitations);

    /// <summary>When the distribution list (one envelope per household: address outside, code inside) was printed.</summary>
    public DateTime? DistributedAtUtc { get; private set; }

    public string? DistributedBy { get; private set; }

    /// <summary>
    /// The distribution list is printed once (issue 14): a second copy would let whoever holds it hand codes to other
    /// households. Printing drops the invitations' link to their households.
    /// </summary>
    public void MarkDistributed(DateTime nowUtc, string by)
    {
        CheckRule(new ADistributionListIsPrintedOnceRule(DistributedAtUtc, IsClosed));
        DistributedAtUtc = nowUtc;
        DistributedBy = by;
        Touch();
    }

    /// <summary>Closing forgets the slip key: tokens can no longer be recomputed for printing.</summary>
    public void Close()
    {
        IsClosed = true;
        SlipKeyCipher = null;
        Touch();
    }
}

/// <summary>Who a sampled household is asked to grade.</summary>
public readonly record struct InvitationSubject(int WorkerId, int ServiceItemId);

/// <summary>
/// A sampled household's single-use invitation (item D17): only hashes of the token and short code are stored.
/// Which household it is for and whom it asks about are sealed together (padded, so their length says nothing) and
/// forgotten when the invitation is used or the campaign closes (item D19, ADR-011); being used is a mark without a time.
/// </summary>
public sealed class EvaluationInvitation
{
    public const string Purpose = "evaluation.invitation";

    /// <summary>The sealed text is padded to a multiple of this many characters.</summary>
    public const int SealBlock = 256;

    private List<InvitationSubject> _subjects = [];

    private EvaluationInvitation()
    {
        TokenHash = string.Empty;
        ShortCodeHash = string.Empty;
    }

    public int Id { get; private set; }

    public int CampaignId { get; private set; }

    public string TokenHash { get; private set; }

    public string ShortCodeHash { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public bool IsUsed { get; private set; }

    /// <summary>Household and subjects, sealed (<see cref="Purpose"/>); null once used or closed.</summary>
    public string? Sealed { get; private set; }

    /// <summary>The household asked: known when drawn, or after <see cref="Open"/>; not stored as such.</summary>
    public int? HouseholdId { get; private set; }

    /// <summary>Whom the household is asked to grade: known when drawn, or after <see cref="Open"/>.</summary>
    public IReadOnlyList<InvitationSubject> Subjects => _subjects;

    public static EvaluationInvitation For(int campaignId, int householdId, IEnumerable<(int WorkerId, int ItemId)> subjects, DateTime expiresAtUtc)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var invitation = new EvaluationInvitation { CampaignId = campaignId, HouseholdId = householdId, ExpiresAtUtc = expiresAtUtc };
        invitation._subjects = [.. subjects.Distinct().Select(s => new InvitationSubject(s.WorkerId, s.ItemId))];
        return invitation;
    }

    /// <summary>Seals the household and subjects into <see cref="Sealed"/>.</summary>
    public void Seal(IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        Sealed = sealer.Seal(Purpose, SealText(HouseholdId ?? 0, _subjects)).Cipher;
    }

    /// <summary>Opens what <see cref="Seal"/> sealed; false when it has been forgotten.</summary>
    public bool Open(IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        if (Sealed is null)
        {
            return false;
        }

        (HouseholdId, _subjects) = ParseSeal(sealer.Open(Purpose, Sealed));
        return true;
    }

    /// <summary>Once the envelope is printed, the paper alone says which household holds the code: the stored link goes.</summary>
    public void ForgetHousehold(IPersonalDataSealer sealer)
    {
        if (!Open(sealer))
        {
            return;
        }

        HouseholdId = null;
        Seal(sealer);
    }

    public static string SealText(int householdId, IEnumerable<InvitationSubject> subjects)
    {
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{householdId};{string.Join(',', subjects.Select(s => $"{s.WorkerId}:{s.ServiceItemId}"))};");
        return text.PadRight((text.Length / SealBlock + 1) * SealBlock, '.');
    }

    public static (int HouseholdId, List<InvitationSubject> Subjects) ParseSeal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(';');
        var subjects = parts[1].Length == 0 ? [] : parts[1].Split(',').Select(p => p.Split(':')).Select(p => new InvitationSubject(
            int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), subjects);
    }

    /// <summary>The hashes are set once the id (from which the token is derived) exists.</summary>
    public void Protect(string tokenHash, string shortCodeHash) => (TokenHash, ShortCodeHash) = (tokenHash, shortCodeHash);

    public bool IsExpired(DateTime nowUtc) => HasExpired(ExpiresAtUtc, nowUtc);

    public static bool HasExpired(DateTime expiresAtUtc, DateTime nowUtc) => nowUtc >= expiresAtUtc;
}

/// <summary>What became of a drawn household's envelope (issue 14): recorded per household, never per code.</summary>
public enum Handout
{
    Pending = 0,
    Delivered = 1,
    NotAtHome = 2,
    Refused = 3,
}

public sealed class ADistributionListIsPrintedOnceRule(DateTime? printedAtUtc, bool closed) : IBusinessRule
{
    public string Code => "Campaign.Distribution";

    public string Message => closed
        ? "评议已经结束，不能再打印派发单。"
        : $"派发单已于 {printedAtUtc?.ToLocalTime():yyyy-MM-dd HH:mm} 打印过，只能打印一次；住户与评议码的对应已经删除。";

    public bool IsBroken() => printedAtUtc is not null || closed;
}

public sealed class APeriodIsAQuarterOrAYearRule(int year, int? quarter) : IBusinessRule
{
    public string Code => "Period.Quarter";

    public string Message => "考核期为某年的第 1–4 季度或全年。";

    public bool IsBroken() => year is < 2000 or > 2100 || quarter is < 1 or > 4;
}

/// <summary>The annual score is built from the frozen quarters and the surge assessments (E2-3); residents are not asked again.</summary>
public sealed class TheYearIsScoredFromItsQuartersRule(int? quarter) : IBusinessRule
{
    public string Code => "Campaign.Annual";

    public string Message => "年度考核由已定档的各季度结果和突击性工作评定组成，不再单独发起居民评议。请在季度考核期发起评议。";

    public bool IsBroken() => quarter is null;
}

public sealed class ACampaignRunsInAnOpenPeriodWithASensibleRuleRule(PeriodStatus status, SampleRule rule, int days) : IBusinessRule
{
    public string Code => "Campaign.Rule";

    public string Message => "只能在未结束的考核期发起评议；每项抽取 1–50 户、每人最多 200 户，有效期 1–60 天。";

    public bool IsBroken() => status != PeriodStatus.Open || !rule.IsValid || days is < 1 or > 60;
}
