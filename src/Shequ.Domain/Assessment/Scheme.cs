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

/// <summary>Weights the indicator scores (0–100). A missing indicator leaves the total unknown rather than guessed.</summary>
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
        decimal? total = 0;
        foreach (var (indicator, weight) in scheme.Weights.Where(w => w.Value > 0))
        {
            total = indicators.TryGetValue(indicator, out var value) && value is { } v ? total + (Math.Clamp(v, 0, 100) * weight) : null;
            if (total is null)
            {
                break;
            }
        }

        return new ScoreCard(workerId, indicators, total is { } t ? Math.Round(t, 2) : null);
    }

    /// <summary>Competition ranking (1, 2, 2, 4) by total, highest first; workers without a total are not ranked.</summary>
    public static IReadOnlyDictionary<int, int> Rank(IEnumerable<ScoreCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var scored = cards.Where(c => c.Total is not null).OrderByDescending(c => c.Total).ToList();
        return scored.ToDictionary(c => c.WorkerId, c => scored.Count(o => o.Total > c.Total) + 1);
    }
}
