using Shequ.Domain.Common;

namespace Shequ.Domain.Assessment;

/// <summary>The indicators a worker is scored on; each is 0–100 before weighting.</summary>
public enum Indicator
{
    ResidentEvaluation = 1,
    RoutineWork = 2,
    SurgeTasks = 3,
    RequestsOnTime = 4,
    WorkLogCompleteness = 5,
}

/// <summary>
/// A district's assessment scheme (E2): indicator weights summing to 100%, grade points, the minimum number of
/// valid evaluations before a score is shown, and a satisfaction expectation kept realistic (E2-7).
/// </summary>
/// <param name="AnnualSurgeWeight">
/// The share of the annual score that surge-task assessments carry (E2-2, E2-3); the rest is the mean of the year's
/// frozen quarters. 0 to 50%.
/// </param>
public sealed record SchemeSettings(IReadOnlyDictionary<Indicator, decimal> Weights, GradePoints Points, int MinimumValidEvaluations, decimal ExpectedExcellentShare, decimal AnnualSurgeWeight = 0.20m)
{
    public static SchemeSettings Default { get; } = new(
        new Dictionary<Indicator, decimal>
        {
            [Indicator.ResidentEvaluation] = 0.40m,
            [Indicator.RoutineWork] = 0.20m,
            [Indicator.SurgeTasks] = 0.15m,
            [Indicator.RequestsOnTime] = 0.15m,
            [Indicator.WorkLogCompleteness] = 0.10m,
        },
        GradePoints.Default,
        5,
        0.60m);
}

public sealed class WeightsAddUpToOneHundredPercentRule(IReadOnlyDictionary<Indicator, decimal> weights) : IBusinessRule
{
    public string Code => "Scheme.Weights";

    public string Message => "各项指标权重须在 0 到 100% 之间，合计 100%。";

    public bool IsBroken() => weights.Values.Any(w => w is < 0 or > 1) || weights.Values.Sum() != 1m;
}

public sealed class AnnualSurgeWeightIsAtMostHalfRule(decimal weight) : IBusinessRule
{
    public string Code => "Scheme.AnnualSurge";

    public string Message => "突击性工作在年度考核中的权重应在 0 到 50% 之间，其余为各季度结果。";

    public bool IsBroken() => weight is < 0 or > 0.5m;
}

public sealed class SatisfactionExpectationIsRealisticRule(decimal expectedExcellentShare, int minimumValid) : IBusinessRule
{
    public string Code => "Scheme.Expectation";

    public string Message => "“优”的期望比例不宜过高（不超过 80%），有效评议最少份数不少于 5 份。";

    public bool IsBroken() => expectedExcellentShare is <= 0 or > 0.80m || minimumValid < 5;
}

/// <summary>One worker's weighted result for a period.</summary>
public sealed record ScoreCard(int WorkerId, IReadOnlyDictionary<Indicator, decimal?> Indicators, decimal? Total);

/// <summary>
/// Weights the indicator scores (0–100). Without a resident-evaluation score (fewer valid evaluations than the
/// minimum) there is no total. Another indicator with nothing to measure (no surge task that period, say) drops
/// out and the remaining weights are scaled up so they still add to 100%.
/// </summary>
public static class Scoring
{
    public static void Check(SchemeSettings scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        foreach (var rule in new IBusinessRule[] { new WeightsAddUpToOneHundredPercentRule(scheme.Weights), new SatisfactionExpectationIsRealisticRule(scheme.ExpectedExcellentShare, scheme.MinimumValidEvaluations), new AnnualSurgeWeightIsAtMostHalfRule(scheme.AnnualSurgeWeight) })
        {
            if (rule.IsBroken())
            {
                throw new BusinessRuleViolationException(rule);
            }
        }
    }

    public static ScoreCard Score(int workerId, SchemeSettings scheme, IReadOnlyDictionary<Indicator, decimal?> indicators)
    {
        Check(scheme);
        ArgumentNullException.ThrowIfNull(indicators);
        if (!indicators.TryGetValue(Indicator.ResidentEvaluation, out var resident) || resident is null)
        {
            return new ScoreCard(workerId, indicators, null);
        }

        var measured = scheme.Weights.Where(w => w.Value > 0 && indicators.TryGetValue(w.Key, out var v) && v is not null).ToList();
        var weightSum = measured.Sum(w => w.Value);
        var total = measured.Sum(w => Math.Clamp(indicators[w.Key]!.Value, 0, 100) * w.Value) / weightSum;
        return new ScoreCard(workerId, indicators, Math.Round(total, 2));
    }

    /// <summary>
    /// The annual score (E2-2, E2-3): the mean of the year's frozen quarter totals, each quarter weighing the same,
    /// blended with the year's surge-task assessments at the scheme's annual surge weight. Campaigns are not pooled
    /// across the year; a quarter without a total (too few valid evaluations) drops out. No quarter total, no annual
    /// total; no surge assessment, the quarters alone.
    /// </summary>
    public static decimal? Annual(IEnumerable<decimal?> quarterTotals, decimal? surge, SchemeSettings scheme)
    {
        ArgumentNullException.ThrowIfNull(quarterTotals);
        ArgumentNullException.ThrowIfNull(scheme);
        var scored = quarterTotals.Where(t => t is not null).Select(t => Math.Clamp(t!.Value, 0, 100)).ToList();
        if (scored.Count == 0)
        {
            return null;
        }

        var quarters = scored.Average();
        return Math.Round(surge is { } s ? ((1 - scheme.AnnualSurgeWeight) * quarters) + (scheme.AnnualSurgeWeight * Math.Clamp(s, 0, 100)) : quarters, 2);
    }

    /// <summary>Competition ranking (1, 2, 2, 4) by total, highest first; workers without a total are not ranked.</summary>
    public static IReadOnlyDictionary<int, int> Rank(IEnumerable<ScoreCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var scored = cards.Where(c => c.Total is not null).OrderByDescending(c => c.Total).ToList();
        return scored.ToDictionary(c => c.WorkerId, c => scored.Count(o => o.Total > c.Total) + 1);
    }
}

/// <summary>
/// A district's assessment scheme, one version per change (E2): new versions apply to the periods that start on
/// or after their date; a period already scored keeps the version it started under.
/// </summary>
public sealed class AssessmentScheme
{
    private AssessmentScheme()
    {
        DistrictCode = string.Empty;
        CreatedBy = string.Empty;
    }

    public int Id { get; private set; }

    public string DistrictCode { get; private set; }

    public int Number { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public decimal WeightResidentEvaluation { get; private set; }

    public decimal WeightRoutineWork { get; private set; }

    public decimal WeightSurgeTasks { get; private set; }

    public decimal WeightRequestsOnTime { get; private set; }

    public decimal WeightWorkLog { get; private set; }

    public decimal PointsExcellent { get; private set; }

    public decimal PointsGood { get; private set; }

    public decimal PointsFair { get; private set; }

    public decimal PointsPoor { get; private set; }

    public int MinimumValidEvaluations { get; private set; }

    public decimal ExpectedExcellentShare { get; private set; }

    public decimal WeightAnnualSurge { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public SchemeSettings Settings => new(
        new Dictionary<Indicator, decimal>
        {
            [Indicator.ResidentEvaluation] = WeightResidentEvaluation,
            [Indicator.RoutineWork] = WeightRoutineWork,
            [Indicator.SurgeTasks] = WeightSurgeTasks,
            [Indicator.RequestsOnTime] = WeightRequestsOnTime,
            [Indicator.WorkLogCompleteness] = WeightWorkLog,
        },
        new GradePoints(PointsExcellent, PointsGood, PointsFair, PointsPoor),
        MinimumValidEvaluations,
        ExpectedExcellentShare,
        WeightAnnualSurge);

    /// <param name="settledPeriods">The district's periods that are no longer open: a new version may not reach back into them (issue 14).</param>
    public static AssessmentScheme Version(string districtCode, int number, DateOnly effectiveFrom, SchemeSettings settings, string by, DateTime nowUtc, IReadOnlyCollection<AssessmentPeriod>? settledPeriods = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (new ASchemeDoesNotReachBackIntoASettledPeriodRule(effectiveFrom, settledPeriods ?? []) is { } back && back.IsBroken())
        {
            throw new BusinessRuleViolationException(back);
        }

        Scoring.Check(settings);
        var p = settings.Points;
        if (!(p.Excellent >= p.Good && p.Good >= p.Fair && p.Fair >= p.Poor && p.Poor >= 0 && p.Excellent <= 100))
        {
            throw new BusinessRuleViolationException(new GradePointsFallWithTheGradeRule());
        }

        decimal W(Indicator i) => settings.Weights.TryGetValue(i, out var w) ? w : 0;
        return new AssessmentScheme
        {
            DistrictCode = districtCode, Number = number, EffectiveFrom = effectiveFrom,
            WeightResidentEvaluation = W(Indicator.ResidentEvaluation), WeightRoutineWork = W(Indicator.RoutineWork), WeightSurgeTasks = W(Indicator.SurgeTasks),
            WeightRequestsOnTime = W(Indicator.RequestsOnTime), WeightWorkLog = W(Indicator.WorkLogCompleteness),
            PointsExcellent = p.Excellent, PointsGood = p.Good, PointsFair = p.Fair, PointsPoor = p.Poor,
            MinimumValidEvaluations = settings.MinimumValidEvaluations, ExpectedExcellentShare = settings.ExpectedExcellentShare,
            WeightAnnualSurge = settings.AnnualSurgeWeight, CreatedBy = by, CreatedAtUtc = nowUtc,
        };
    }
}

/// <summary>
/// A period's scheme is the newest version in force at its start; one dated on or before the start of a closed,
/// published or frozen period would change results already closed (issue 14: a back-dated version moved every total).
/// </summary>
public sealed class ASchemeDoesNotReachBackIntoASettledPeriodRule(DateOnly effectiveFrom, IReadOnlyCollection<AssessmentPeriod> settled) : IBusinessRule
{
    public string Code => "Scheme.EffectiveFrom";

    public string Message
    {
        get
        {
            var reached = settled.Where(p => p.StartsOn >= effectiveFrom).OrderByDescending(p => p.EndsOn).FirstOrDefault();
            var earliest = settled.Max(p => p.EndsOn).AddDays(1);
            return $"生效日期不能早于已结束的考核期：{reached?.Label}已结束，结果不能再因方案改变。新方案最早从 {earliest:yyyy-MM-dd} 起生效。";
        }
    }

    public bool IsBroken() => settled.Any(p => p.StartsOn >= effectiveFrom);
}

public sealed class GradePointsFallWithTheGradeRule : IBusinessRule
{
    public string Code => "Scheme.Points";

    public string Message => "等次分值应为 优 ≥ 良 ≥ 中 ≥ 差 ≥ 0，且不超过 100。";

    public bool IsBroken() => true;
}
