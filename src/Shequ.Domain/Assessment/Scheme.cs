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
public sealed record SchemeSettings(IReadOnlyDictionary<Indicator, decimal> Weights, GradePoints Points, int MinimumValidEvaluations, decimal ExpectedExcellentShare)
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
        foreach (var rule in new IBusinessRule[] { new WeightsAddUpToOneHundredPercentRule(scheme.Weights), new SatisfactionExpectationIsRealisticRule(scheme.ExpectedExcellentShare, scheme.MinimumValidEvaluations) })
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

    /// <summary>Competition ranking (1, 2, 2, 4) by total, highest first; workers without a total are not ranked.</summary>
    public static IReadOnlyDictionary<int, int> Rank(IEnumerable<ScoreCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var scored = cards.Where(c => c.Total is not null).OrderByDescending(c => c.Total).ToList();
        return scored.ToDictionary(c => c.WorkerId, c => scored.Count(o => o.Total > c.Total) + 1);
    }
}
