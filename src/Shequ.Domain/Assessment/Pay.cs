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

/// <summary>Pay settings: the assessment share of income and the spread. The pool is fixed (budget neutral).</summary>
public sealed record PaySettings(decimal AssessmentShare, SpreadRule Rule, decimal Spread)
{
    public static PaySettings Current { get; } = new(0.20m, SpreadRule.ShareOfAssessmentPay, 0.40m);

    public static PaySettings EssayProposal { get; } = new(0.20m, SpreadRule.ShareOfIncome, 0.25m);

    public bool IsValid => AssessmentShare is > 0 and < 1 && Spread is >= 0 and <= 1;
}

/// <summary>One worker's score and income before assessment pay is settled.</summary>
public sealed record PayInput(int WorkerId, decimal Score, decimal AnnualIncome);

public sealed record PayResult(int WorkerId, decimal Score, decimal AssessmentPay, decimal Difference);

/// <summary>
/// Turns scores into assessment pay (E2-8): income = base + seniority + position allowance + assessment pay.
/// The pool is the assessment share of the group's income and is paid out in full; pay rises in a straight line
/// with the score so that the best and the worst are exactly the allowed gap apart, and the average stays the
/// average. With everyone on the same score, everyone gets the average.
/// </summary>
public static class PayCalculator
{
    public static (decimal Pool, decimal AveragePay, decimal Gap) Frame(IReadOnlyList<PayInput> workers, PaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsValid)
        {
            throw new BusinessRuleViolationException(new PaySettingsAreSensibleRule(settings));
        }

        if (workers.Count == 0)
        {
            return (0, 0, 0);
        }

        var averageIncome = workers.Average(w => w.AnnualIncome);
        var averagePay = averageIncome * settings.AssessmentShare;
        var gap = settings.Rule == SpreadRule.ShareOfAssessmentPay ? averagePay * settings.Spread : averageIncome * settings.Spread;

        // The worst can never be paid below zero: the gap is capped at twice the average pay.
        gap = Math.Min(gap, averagePay * 2);
        return (averagePay * workers.Count, averagePay, gap);
    }

    public static IReadOnlyList<PayResult> Settle(IReadOnlyList<PayInput> workers, PaySettings settings)
    {
        var (_, average, gap) = Frame(workers, settings);
        if (workers.Count == 0)
        {
            return [];
        }

        var meanScore = workers.Average(w => w.Score);
        var range = workers.Max(w => w.Score) - workers.Min(w => w.Score);
        var pays = workers.Select(w => new PayResult(
            w.WorkerId,
            w.Score,
            range == 0 ? average : average + (gap * (w.Score - meanScore) / range),
            0)).ToList();

        // Round to yuan; whatever rounding leaves over goes to the worker nearest the middle, so the pool is paid
        // exactly and the gap between best and worst stays as set.
        var rounded = pays.Select(p => p with { AssessmentPay = Math.Round(p.AssessmentPay, 0, MidpointRounding.AwayFromZero) }).ToList();
        var remainder = Math.Round(average * workers.Count, 0, MidpointRounding.AwayFromZero) - rounded.Sum(p => p.AssessmentPay);
        if (remainder != 0)
        {
            var middle = rounded.Count > 2
                ? rounded.IndexOf(rounded.OrderBy(p => Math.Abs(p.Score - meanScore)).ThenBy(p => p.WorkerId).First())
                : rounded.IndexOf(rounded.MaxBy(p => p.Score)!);
            rounded[middle] = rounded[middle] with { AssessmentPay = rounded[middle].AssessmentPay + remainder };
        }

        var roundedAverage = Math.Round(average, 0, MidpointRounding.AwayFromZero);
        return [.. rounded.Select(p => p with { Difference = p.AssessmentPay - roundedAverage })];
    }
}

public sealed class PaySettingsAreSensibleRule(PaySettings settings) : IBusinessRule
{
    public string Code => "Pay.Settings";

    public string Message => "考核绩效占收入的比例应在 0 到 100% 之间（不含），差距比例应在 0 到 100% 之间。";

    public bool IsBroken() => !settings.IsValid;
}
