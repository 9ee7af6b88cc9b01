using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Domain.Requests;
using Shequ.Domain.Services;

namespace Shequ.Web.Modules.Assessment;

/// <summary>One worker's line on the score board.</summary>
public sealed record WorkerScore(
    int WorkerId, string Name, string Community, EvaluationSummary Evaluations, ScoreCard Card, int? RankInCommunity, int? RankInStreet);

/// <summary>
/// Scores a period's workers (E2-3): resident evaluation from the period's campaigns (an annual period takes
/// every campaign of its year), routine tasks done on time, surge-task assessments, requests reported within
/// their limit, and work-log days filled. Only workers in the caller's scope appear.
/// </summary>
public sealed class ScoreBoard(ShequDbContext db, TimeProvider time)
{
    /// <summary>The scheme the last computation used: the district's latest version in force when the period began.</summary>
    public SchemeSettings Scheme { get; private set; } = SchemeSettings.Default;

    public async Task<SchemeSettings> SchemeForAsync(AssessmentPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var version = await db.AssessmentSchemes.AsNoTracking().Where(x => x.DistrictCode == period.DistrictCode && x.EffectiveFrom <= period.StartsOn)
            .OrderByDescending(x => x.Number).FirstOrDefaultAsync(ct);
        return version?.Settings ?? SchemeSettings.Default;
    }

    public async Task<(AssessmentPeriod Period, List<WorkerScore> Rows)?> ComputeAsync(int periodId, CancellationToken ct)
    {
        var period = await db.AssessmentPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null)
        {
            return null;
        }

        Scheme = await SchemeForAsync(period, ct);
        var periodIds = period.Quarter is null
            ? await db.AssessmentPeriods.Where(p => p.DistrictCode == period.DistrictCode && p.Year == period.Year).Select(p => p.Id).ToListAsync(ct)
            : [period.Id];
        var campaignIds = await db.EvaluationCampaigns.IgnoreQueryFilters().Where(c => periodIds.Contains(c.PeriodId)).Select(c => c.Id).ToListAsync(ct);
        var workers = await db.Workers.AsNoTracking().Include(w => w.Assignments).OrderBy(w => w.Id).ToListAsync(ct);
        var workerIds = workers.Select(w => w.Id).ToList();
        // A district's quarter holds a million evaluations (P4): the database counts them, nothing is loaded one by one.
        var evaluations = (await db.Evaluations.AsNoTracking().Where(e => campaignIds.Contains(e.CampaignId))
            .GroupBy(e => new { e.WorkerId, e.Grade, e.ReasonCheck, e.ScreenedOut, HasReason = e.Reason != null })
            .Select(g => new { g.Key.WorkerId, g.Key.Grade, g.Key.ReasonCheck, g.Key.ScreenedOut, g.Key.HasReason, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(t => t.WorkerId, t => new GradeTally(t.Grade, Evaluation.ValidityOf(t.Grade, t.HasReason, t.ReasonCheck, t.ScreenedOut), t.Count));
        var invited = await db.InvitedCounts.Where(i => campaignIds.Contains(i.CampaignId))
            .GroupBy(i => i.WorkerId).Select(g => new { g.Key, Count = g.Sum(i => i.Subjects) }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        var from = period.StartsOn;
        var to = period.EndsOn;
        var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var tasks = await db.WorkTasks.AsNoTracking().Include(t => t.Assignees).Include(t => t.Completions).AsSplitQuery()
            .Where(t => t.Assignees.Any(a => a.WorkerId != null && workerIds.Contains(a.WorkerId.Value))).ToListAsync(ct);
        var requests = (await db.ServiceRequests.AsNoTracking()
            .Where(r => r.HandlerWorkerId != null && r.ReportedOnTime != null && r.DispatchedAtUtc >= fromUtc && r.DispatchedAtUtc < toUtc)
            .GroupBy(r => new { Worker = r.HandlerWorkerId!.Value, OnTime = r.ReportedOnTime!.Value }).Select(g => new { g.Key.Worker, g.Key.OnTime, Count = g.Count() })
            .ToListAsync(ct)).ToLookup(r => r.Worker);
        var logDays = (await db.WorkLog.AsNoTracking().Where(e => e.Date >= from && e.Date <= to)
            .Select(e => new { e.WorkerId, e.Date }).Distinct().ToListAsync(ct)).CountBy(e => e.WorkerId).ToDictionary();
        var tasksOf = tasks.SelectMany(t => t.Assignees.Where(a => a.WorkerId != null).Select(a => (Task: t, Assignee: a))).ToLookup(x => x.Assignee.WorkerId!.Value);
        // A running period is judged on the working days so far.
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var workingDays = WorkingDays(from, to < today ? to : today);
        var names = await db.Regions.IgnoreQueryFilters().Where(r => r.Code.Length == 12).ToDictionaryAsync(r => r.Code, r => r.Name, ct);

        var cards = new List<(Shequ.Domain.Workforce.Worker Worker, EvaluationSummary Summary, ScoreCard Card)>();
        foreach (var w in workers)
        {
            var summary = EvaluationSummary.Of(evaluations[w.Id], invited.GetValueOrDefault(w.Id), Scheme.Points, Scheme.MinimumValidEvaluations);
            var own = tasksOf[w.Id].ToList();
            var routine = own.Where(x => x.Task.Kind == TaskKind.Routine).SelectMany(x => x.Task.DueDates(from, to).Select(d => x.Task.Completions.Any(c => c.AssigneeId == x.Assignee.Id && c.DueOn == d && c.OnTime))).ToList();
            var surge = own.Where(x => x.Task.Kind == TaskKind.Surge).SelectMany(x => x.Task.Completions.Where(c => c.AssigneeId == x.Assignee.Id && c.IsAssessed && c.CompletedOn >= from && c.CompletedOn <= to))
                .Select(c => c.Score ?? Scheme.Points.Of(c.Grade!.Value)).ToList();
            var handled = requests[w.Id].ToList();
            var handledCount = handled.Sum(r => r.Count);
            var indicators = new Dictionary<Indicator, decimal?>
            {
                [Indicator.ResidentEvaluation] = summary.Score,
                [Indicator.RoutineWork] = routine.Count == 0 ? null : Math.Round(100m * routine.Count(x => x) / routine.Count, 2),
                [Indicator.SurgeTasks] = surge.Count == 0 ? null : Math.Round(surge.Average(), 2),
                [Indicator.RequestsOnTime] = handledCount == 0 ? null : Math.Round(100m * handled.Where(r => r.OnTime).Sum(r => r.Count) / handledCount, 2),
                [Indicator.WorkLogCompleteness] = workingDays == 0 ? null : Math.Min(100, Math.Round(100m * logDays.GetValueOrDefault(w.Id) / workingDays, 2)),
            };
            cards.Add((w, summary, Scoring.Score(w.Id, Scheme, indicators)));
        }

        string Community(Shequ.Domain.Workforce.Worker w) => (w.Assignments.Count > 0 ? w.Assignments[0].RegionCode : w.RegionCode)[..Math.Min(12, w.Assignments.Count > 0 ? w.Assignments[0].RegionCode.Length : w.RegionCode.Length)];
        var byCommunity = cards.GroupBy(c => Community(c.Worker)).SelectMany(g => Scoring.Rank(g.Select(x => x.Card))).ToDictionary(kv => kv.Key, kv => kv.Value);
        var byStreet = cards.GroupBy(c => Community(c.Worker)[..9]).SelectMany(g => Scoring.Rank(g.Select(x => x.Card))).ToDictionary(kv => kv.Key, kv => kv.Value);
        return (period, [.. cards.Select(c => new WorkerScore(c.Worker.Id, c.Worker.Name, names.GetValueOrDefault(Community(c.Worker)) ?? Community(c.Worker), c.Summary, c.Card,
            byCommunity.TryGetValue(c.Worker.Id, out var rc) ? rc : null, byStreet.TryGetValue(c.Worker.Id, out var rs) ? rs : null))]);
    }

    /// <summary>Monday to Friday in [from, to]; holidays are not modelled yet.</summary>
    public static int WorkingDays(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            days += d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }

        return days;
    }
}
