using System.Globalization;
using Shequ.Domain.Common;

namespace Shequ.Domain.Assessment;

/// <summary>
/// What a campaign keeps of its draw (E2-6, issue 14): the frame, the exclusions and the outcome, one sorted line
/// each, so an auditor — or <c>campaign verify</c> — can run the draw again from the stored seed and compare.
/// </summary>
public static class DrawRecord
{
    public static string Frame(IEnumerable<ServedHousehold> frame) =>
        Lines(frame.Distinct().Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.WorkerId},{f.ServiceItemId},{f.GridCode},{f.HouseholdId}")));

    public static List<ServedHousehold> ParseFrame(string text) => [.. Split(text).Select(p => new ServedHousehold(Int(p[0]), Int(p[1]), p[2], Int(p[3])))];

    /// <summary>
    /// "own,worker,household" for a worker's own and kin households, "worker,household" for workers' homes,
    /// "recent,household" for recent evaluators, "short,worker" for workers too few households could grade.
    /// </summary>
    public static string Exclusions(SamplingExclusions exclusions)
    {
        ArgumentNullException.ThrowIfNull(exclusions);
        return Lines(exclusions.OwnAndKinHouseholdsByWorker.SelectMany(kv => kv.Value.Select(h => string.Create(CultureInfo.InvariantCulture, $"own,{kv.Key},{h}")))
            .Concat(exclusions.WorkerHouseholds.Select(h => string.Create(CultureInfo.InvariantCulture, $"worker,{h}")))
            .Concat(exclusions.RecentlySampledHouseholds.Select(h => string.Create(CultureInfo.InvariantCulture, $"recent,{h}")))
            .Concat((exclusions.LeftOutWorkers ?? new HashSet<int>()).Select(w => string.Create(CultureInfo.InvariantCulture, $"short,{w}"))));
    }

    public static SamplingExclusions ParseExclusions(string text)
    {
        var lines = Split(text).ToList();
        return new SamplingExclusions(
            lines.Where(p => p[0] == "own").GroupBy(p => Int(p[1])).ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(p => Int(p[2])).ToHashSet()),
            lines.Where(p => p[0] == "worker").Select(p => Int(p[1])).ToHashSet(),
            lines.Where(p => p[0] == "recent").Select(p => Int(p[1])).ToHashSet(),
            lines.Where(p => p[0] == "short").Select(p => Int(p[1])).ToHashSet());
    }

    /// <summary>"household,worker,item": who was asked about whom.</summary>
    public static string Outcome(IEnumerable<Draw> draws) =>
        Lines(draws.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.HouseholdId},{d.WorkerId},{d.ServiceItemId}")));

    /// <summary>Null when the two records agree line for line; otherwise the first line where they part.</summary>
    public static string? FirstDifference(string stored, string redrawn)
    {
        var a = (stored ?? string.Empty).Split('\n');
        var b = (redrawn ?? string.Empty).Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "（无）";
            var y = i < b.Length ? b[i] : "（无）";
            if (x != y)
            {
                return string.Create(CultureInfo.InvariantCulture, $"第 {i + 1} 行：存档为 {x}，重新抽取为 {y}");
            }
        }

        return null;
    }

    private static string Lines(IEnumerable<string> lines) => string.Join('\n', lines.Distinct().Order(StringComparer.Ordinal));

    private static IEnumerable<string[]> Split(string text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(','));

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}

/// <summary>What <see cref="EvaluationCampaign.Verify"/> found: the draw re-run from what was stored agrees, or where it does not.</summary>
public sealed record DrawVerification(bool Matches, string? FirstDifference)
{
    public string Verdict => Matches ? "MATCH" : "DIFFERENT: " + FirstDifference;
}

/// <summary>
/// A campaign must give every worker it takes in at least the minimum of drawn households a score needs, or it does
/// not start (the rule per item or per worker is then too tight); and it must draw someone.
/// </summary>
public sealed class EveryWorkerHasEnoughEvaluatorsRule(IReadOnlyDictionary<int, int> drawnByWorker, IReadOnlyDictionary<int, string> names, int minimum) : IBusinessRule
{
    public string Code => "Campaign.TooFew";

    public string Message
    {
        get
        {
            var short_ = drawnByWorker.Where(kv => kv.Value < minimum).OrderBy(kv => kv.Value).Take(10)
                .Select(kv => $"{names.GetValueOrDefault(kv.Key, kv.Key.ToString(CultureInfo.InvariantCulture))} {kv.Value} 户");
            return drawnByWorker.Count == 0
                ? $"没有可抽取的评议户：所选范围和考核期内没有服务记录，或每位工作人员服务的户数都不足 {minimum} 户，无法发起评议。"
                : $"每人至少要抽到 {minimum} 户才能计分，以下人员不足：{string.Join("、", short_)}。请扩大每项抽取户数，或只对其他人员发起。";
        }
    }

    public bool IsBroken() => drawnByWorker.Count == 0 || drawnByWorker.Values.Any(n => n < minimum);
}
