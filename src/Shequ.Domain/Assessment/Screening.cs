using Shequ.Domain.Common;

namespace Shequ.Domain.Assessment;

public enum FlagKind
{
    /// <summary>The same grade for every one of many workers.</summary>
    StraightLining = 1,

    /// <summary>Only 优 and 差, never the middle.</summary>
    ExtremesOnly = 2,

    /// <summary>Far more ballots on one day than the campaign's usual day.</summary>
    Burst = 3,

    /// <summary>The same reason, word for word or nearly, on several ballots (issue 14: copy and paste).</summary>
    CopiedReason = 4,
}

/// <summary>A ballot a person should look at before it counts (E2-7). Flags never exclude anything by themselves.</summary>
public readonly record struct ScreeningFlag(Guid BallotId, FlagKind Kind, string Note);

/// <summary>
/// Screens a campaign's ballots for unfair patterns (E2-7): straight-lining across many workers, raters who give
/// only extreme grades, and bursts of ballots on one day. The thresholds are deliberately plain so a reviewer can
/// explain every flag.
/// </summary>
public static class Screening
{
    public const int StraightLineMinimum = 3;
    public const int ExtremesMinimum = 2;
    public const int BurstFactor = 3;
    public const int BurstMinimum = 10;

    /// <summary>Ballots sharing a reason before it is a pattern; short reasons ("很好") are common words, not copies.</summary>
    public const int CopiedReasonBallots = 3;
    public const int CopiedReasonMinimumLength = 8;

    public static IReadOnlyList<ScreeningFlag> Flag(IReadOnlyCollection<Evaluation> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        var flags = new List<ScreeningFlag>();
        foreach (var ballot in evaluations.GroupBy(e => e.BallotId))
        {
            var grades = ballot.Select(e => e.Grade).ToList();
            var workers = ballot.Select(e => e.WorkerId).Distinct().Count();
            if (workers >= StraightLineMinimum && grades.Distinct().Count() == 1)
            {
                flags.Add(new(ballot.Key, FlagKind.StraightLining, $"{workers} 人全部评为“{GradeNames.Chinese(grades[0])}”"));
            }
            else if (grades.Count >= ExtremesMinimum && grades.All(g => g is Grade.Excellent or Grade.Poor))
            {
                flags.Add(new(ballot.Key, FlagKind.ExtremesOnly, $"{grades.Count} 项全部为“优”或“差”"));
            }
        }

        // The same reason on several ballots, once punctuation and spaces are set aside.
        foreach (var copies in evaluations.Where(e => e.Reason is { Length: >= CopiedReasonMinimumLength }).GroupBy(e => Normalise(e.Reason!))
            .Where(g => g.Select(e => e.BallotId).Distinct().Count() >= CopiedReasonBallots))
        {
            var ballots = copies.Select(e => e.BallotId).Distinct().ToList();
            flags.AddRange(ballots.Where(b => flags.All(f => f.BallotId != b)).Select(b => new ScreeningFlag(b, FlagKind.CopiedReason, $"{ballots.Count} 份评议的理由相同：“{Shorten(copies.First().Reason!)}”")));
        }

        // A day with many times the usual number of ballots: every ballot of that day is flagged for a look.
        var perDay = evaluations.GroupBy(e => e.Day).Select(g => (Day: g.Key, Ballots: g.Select(e => e.BallotId).Distinct().ToList())).ToList();
        if (perDay.Count > 1)
        {
            var counts = perDay.Select(d => d.Ballots.Count).Order().ToList();
            var median = counts[counts.Count / 2];
            foreach (var (day, ballots) in perDay.Where(d => d.Ballots.Count >= BurstMinimum && d.Ballots.Count > median * BurstFactor))
            {
                flags.AddRange(ballots.Where(b => flags.All(f => f.BallotId != b)).Select(b => new ScreeningFlag(b, FlagKind.Burst, $"{day:yyyy-MM-dd} 当天提交 {ballots.Count} 份，是通常的 {ballots.Count / Math.Max(1, median)} 倍")));
            }
        }

        return flags;
    }

    /// <summary>Letters and digits only: "上门帮我办理，态度很好，很耐心。" and "上门帮我办理 态度很好 很耐心" are one reason.</summary>
    public static string Normalise(string reason) => string.Concat(reason.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
