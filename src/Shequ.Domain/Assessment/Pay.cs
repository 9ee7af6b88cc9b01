using Shequ.Domain.Common;

namespace Shequ.Domain.Assessment;

/// <summary>How far apart the best and the worst assessment pay may be (E2-8).</summary>
public enum SpreadRule
{
    /// <summary>The gap is a share of the average assessment pay (the essays' current practice: at most 40%).</summary>
    ShareOfAssessmentPay = 1,

    /// <summary>The gap is a share of average annual income (the essay's proposal: 20–30%).</summary>
    ShareOfIncome = 2,
}

/// <summary>What a worker without a total score (fewer valid evaluations than the minimum) is paid.</summary>
public enum UnscoredPay
{
    /// <summary>As the lowest-scored worker of the group: having too few evaluations never pays more than being graded.</summary>
    AsLowest = 1,

    /// <summary>Not settled here: the pool covers the scored workers, and each unscored case is decided on its own.</summary>
    DecidedSeparately = 2,
}

/// <summary>
/// Pay settings (E2-8), every share a fraction (0.20 = 20%) and shown as a percentage: the assessment share of income,
/// the spread and what it is a share of, and what workers without a score get. The pool is fixed (budget neutral).
/// </summary>
public sealed record PaySettings(decimal AssessmentShare, SpreadRule Rule, decimal Spread, UnscoredPay Unscored = UnscoredPay.AsLowest)
{
    /// <summary>The assessment share of income allowed: above nothing, at most half.</summary>
    public const decimal MaxAssessmentShare = 0.50m;

    /// <summary>The essays' current ceiling: the gap is at most 40% of the assessment pay.</summary>
    public const decimal MaxShareOfAssessmentPay = 0.40m;

    /// <summary>The essay's proposal: a gap of 20–30% of annual income.</summary>
    public const decimal MinShareOfIncome = 0.20m;

    public const decimal MaxShareOfIncome = 0.30m;

    /// <summary>Settings as people write them, in percent (20 for 20 %); what is not given is today's setting.</summary>
    public static PaySettings FromPercentages(decimal? sharePercent, SpreadRule? rule, decimal? spreadPercent, UnscoredPay? unscored) => new(
        (sharePercent ?? Current.AssessmentShare * 100) / 100, rule ?? Current.Rule, (spreadPercent ?? Current.Spread * 100) / 100, unscored ?? Current.Unscored);

    public static PaySettings Current { get; } = new(0.20m, SpreadRule.ShareOfAssessmentPay, 0.40m);

    public static PaySettings EssayProposal { get; } = new(0.20m, SpreadRule.ShareOfIncome, 0.25m);

    public bool IsValid => AssessmentShare is > 0 and <= MaxAssessmentShare && Enum.IsDefined(Unscored) && Rule switch
    {
        SpreadRule.ShareOfAssessmentPay => Spread is >= 0 and <= MaxShareOfAssessmentPay,
        SpreadRule.ShareOfIncome => Spread is >= MinShareOfIncome and <= MaxShareOfIncome,
        _ => false,
    };
}

/// <summary>One worker's score (null without one) and income before assessment pay is settled.</summary>
public sealed record PayInput(int WorkerId, decimal? Score, decimal AnnualIncome);

/// <summary>A worker's assessment pay; null when it is decided separately (<see cref="UnscoredPay.DecidedSeparately"/>).</summary>
public sealed record PayResult(int WorkerId, decimal? Score, decimal? AssessmentPay, decimal? Difference);

/// <summary>
/// Turns scores into assessment pay (E2-8): income = base + seniority + position allowance + assessment pay.
/// The pool is the assessment share of the settled workers' income and is paid out in full; pay rises in a
/// straight line with the score so that the best and the worst are exactly the set gap apart, and the average
/// stays the average. Settings outside their limits, and a gap so wide that someone would be paid below zero, are
/// refused with the reason; nothing is capped silently.
/// </summary>
public static class PayCalculator
{
    public static (decimal Pool, decimal AveragePay, decimal Gap) Frame(IReadOnlyList<PayInput> workers, PaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsValid)
        {
            throw new BusinessRuleViolationException(new PaySettingsAreWithinTheirLimitsRule(settings));
        }

        var settled = Settled(workers, settings);
        if (settled.Count == 0)
        {
            return (0, 0, 0);
        }

        var averageIncome = settled.Average(w => w.AnnualIncome);
        var averagePay = averageIncome * settings.AssessmentShare;
        var gap = settings.Rule == SpreadRule.ShareOfAssessmentPay ? averagePay * settings.Spread : averageIncome * settings.Spread;
        return (averagePay * settled.Count, averagePay, gap);
    }

    public static IReadOnlyList<PayResult> Settle(IReadOnlyList<PayInput> workers, PaySettings settings)
    {
        var (pool, average, gap) = Frame(workers, settings);
        var settled = Settled(workers, settings);
        var scored = settled.Where(w => w.Score is not null).ToList();
        if (settled.Count == 0 || scored.Count == 0)
        {
            // Nobody has a score: nothing to spread, everyone settled gets the average.
            return [.. workers.Select(w => settled.Contains(w) ? new PayResult(w.WorkerId, w.Score, Math.Round(average, 0, MidpointRounding.AwayFromZero), 0) : new PayResult(w.WorkerId, null, null, null))];
        }

        var lowest = scored.Min(w => w.Score!.Value);
        decimal ScoreOf(PayInput w) => w.Score ?? lowest;
        var meanScore = settled.Average(ScoreOf);
        var range = scored.Max(w => w.Score!.Value) - lowest;
        var exact = settled.ToDictionary(w => w.WorkerId, w => range == 0 ? average : average + (gap * (ScoreOf(w) - meanScore) / range));
        var below = exact.Values.Min();
        if (below < 0)
        {
            throw new BusinessRuleViolationException(new NoOneIsPaidBelowZeroRule(gap, below));
        }

        // Whole yuan by the largest remainders among the scored workers, so the pool is paid exactly and no one
        // (least of all a worker without a score) takes what rounding leaves over.
        var paid = exact.ToDictionary(kv => kv.Key, kv => Math.Floor(kv.Value));
        var leftover = (int)(Math.Round(pool, 0, MidpointRounding.AwayFromZero) - paid.Values.Sum());
        var byRemainder = scored.OrderByDescending(w => exact[w.WorkerId] - paid[w.WorkerId]).ThenBy(w => w.WorkerId).ToList();
        for (var i = 0; i < leftover; i++)
        {
            paid[byRemainder[i % byRemainder.Count].WorkerId] += 1;
        }

        var roundedAverage = Math.Round(average, 0, MidpointRounding.AwayFromZero);
        return [.. workers.Select(w => paid.TryGetValue(w.WorkerId, out var p)
            ? new PayResult(w.WorkerId, w.Score, p, p - roundedAverage)
            : new PayResult(w.WorkerId, null, null, null))];
    }

    private static List<PayInput> Settled(IReadOnlyList<PayInput> workers, PaySettings settings) =>
        settings.Unscored == UnscoredPay.DecidedSeparately ? [.. workers.Where(w => w.Score is not null)] : [.. workers];
}

public sealed class PaySettingsAreWithinTheirLimitsRule(PaySettings settings) : IBusinessRule
{
    public string Code => "Pay.Settings";

    public string Message => settings.AssessmentShare is <= 0 or > PaySettings.MaxAssessmentShare
        ? "考核绩效占收入的比例应大于 0、不超过 50%。"
        : settings.Rule == SpreadRule.ShareOfIncome
            ? "按年收入计的差距应在 20% 到 30% 之间。"
            : "按考核绩效计的差距应在 0 到 40% 之间。";

    public bool IsBroken() => !settings.IsValid;
}

public sealed class NoOneIsPaidBelowZeroRule(decimal gap, decimal lowest) : IBusinessRule
{
    public string Code => "Pay.BelowZero";

    public string Message => $"按此设置，最高与最低相差 {gap:N0} 元，得分最低者的考核绩效将为 {lowest:N0} 元（低于零）。请缩小差距或提高考核绩效占收入的比例。";

    public bool IsBroken() => true;
}

/// <summary>
/// A pay setting adopted for a district's year (E2-8): compared on the what-if page, then adopted on a frozen
/// period's results. The setting and every worker's resulting assessment pay are stored as they were settled, so
/// finance and the worker see the same figures whatever changes later. One per district and year.
/// </summary>
public sealed class PayAdoption
{
    private readonly List<AdoptedPay> _lines = [];

    private PayAdoption()
    {
        DistrictCode = string.Empty;
        AdoptedBy = string.Empty;
        Note = string.Empty;
    }

    public int Id { get; private set; }

    public string DistrictCode { get; private set; }

    public int Year { get; private set; }

    /// <summary>The frozen period whose results were paid on.</summary>
    public int PeriodId { get; private set; }

    public decimal AssessmentShare { get; private set; }

    public SpreadRule Rule { get; private set; }

    public decimal Spread { get; private set; }

    public UnscoredPay Unscored { get; private set; }

    public decimal Pool { get; private set; }

    public decimal Gap { get; private set; }

    public string Note { get; private set; }

    public string AdoptedBy { get; private set; }

    public DateOnly AdoptedOn { get; private set; }

    public IReadOnlyList<AdoptedPay> Lines => _lines;

    public PaySettings Settings => new(AssessmentShare, Rule, Spread, Unscored);

    public static PayAdoption Adopt(
        AssessmentPeriod period, PaySettings settings, IReadOnlyList<PayInput> inputs, IReadOnlyDictionary<int, decimal> fixedPay, string note, string by, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(fixedPay);
        if (new PayIsAdoptedOnFrozenResultsRule(period.Status, note) is { } frozen && frozen.IsBroken())
        {
            throw new BusinessRuleViolationException(frozen);
        }

        var (pool, _, gap) = PayCalculator.Frame(inputs, settings);
        var adoption = new PayAdoption
        {
            DistrictCode = period.DistrictCode, Year = period.Year, PeriodId = period.Id, AssessmentShare = settings.AssessmentShare, Rule = settings.Rule,
            Spread = settings.Spread, Unscored = settings.Unscored, Pool = Math.Round(pool, 0, MidpointRounding.AwayFromZero), Gap = Math.Round(gap, 0, MidpointRounding.AwayFromZero),
            Note = note.Trim(), AdoptedBy = by, AdoptedOn = today,
        };
        adoption._lines.AddRange(PayCalculator.Settle(inputs, settings).Select(r => new AdoptedPay(r.WorkerId, r.Score, fixedPay.GetValueOrDefault(r.WorkerId), r.AssessmentPay)));
        return adoption;
    }
}

/// <summary>One worker's settled assessment pay in an adopted setting; null when it is decided separately.</summary>
public sealed class AdoptedPay
{
    private AdoptedPay()
    {
    }

    internal AdoptedPay(int workerId, decimal? score, decimal fixedPay, decimal? assessmentPay)
    {
        WorkerId = workerId;
        Score = score;
        FixedPay = fixedPay;
        AssessmentPay = assessmentPay;
    }

    public int Id { get; private set; }

    public int AdoptionId { get; private set; }

    public int WorkerId { get; private set; }

    public decimal? Score { get; private set; }

    /// <summary>Base, seniority and position allowance for the year.</summary>
    public decimal FixedPay { get; private set; }

    public decimal? AssessmentPay { get; private set; }
}

public sealed class PayIsAdoptedOnFrozenResultsRule(PeriodStatus status, string? note) : IBusinessRule
{
    public string Code => "Pay.Adopt";

    public string Message => status != PeriodStatus.Frozen
        ? "只能按已定档的考核结果确定绩效工资方案。"
        : "确定方案须写明依据（如会议纪要文号，不超过 500 字）。";

    public bool IsBroken() => status != PeriodStatus.Frozen || string.IsNullOrWhiteSpace(note) || note.Trim().Length > 500;
}

public sealed class OnePayAdoptionPerYearRule(int year) : IBusinessRule
{
    public string Code => "Pay.Adopted";

    public string Message => $"{year} 年的绩效工资方案已经确定，不能再次确定。";

    public bool IsBroken() => true;
}
