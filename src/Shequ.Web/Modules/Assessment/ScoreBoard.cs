using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Domain.Requests;
using Shequ.Domain.Services;

namespace Shequ.Web.Modules.Assessment;

/// <summary>One worker's line on the score board. <paramref name="Quarters"/> holds an annual line's four quarter totals.</summary>
public sealed record WorkerScore(
    int WorkerId, string Name, string Community, EvaluationSummary Evaluations, ScoreCard Card, int? RankInCommunity, int? RankInStreet, IReadOnlyList<decimal?>? Quarters = null);

/// <summary>Where a period's figures come from.</summary>
public enum ResultsSource
{
    /// <summary>Computed now from the data: the period is open or closed and not yet published.</summary>
    Live = 1,

    /// <summary>As published for 公示, with any recorded corrections.</summary>
    Published = 2,

    /// <summary>As frozen; they no longer change.</summary>
    Frozen = 3,
}

/// <summary>A period's results as the caller may see them: the lines of the workers in their scope.</summary>
public sealed record PeriodResults(AssessmentPeriod Period, List<WorkerScore> Rows, ResultsSource Source, int MinimumValid);

/// <summary>
/// Scores a period's workers (E2-3) for its whole district, whoever asks, so ranks and figures do not depend on
/// the viewer: resident evaluation from the quarter's campaigns, routine tasks done on time, surge-task
/// assessments, requests reported within their limit, and work-log days filled, all measured up to the period's
/// end or the day it closed. A year is scored from its frozen quarters and its surge assessments.
/// From publication on, <see cref="ResultsAsync"/> reads the stored results instead (issue 14).
/// </summary>
public sealed class ScoreBoard(ShequDbContext db, TimeProvider time)
{
    private static readonly System.Text.Json.JsonSerializerOptions SnapshotJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The scheme the last computation used: the district's latest version in force when the period began.</summary>
    public SchemeSettings Scheme { get; private set; } = SchemeSettings.Default;

    public async Task<SchemeSettings> SchemeForAsync(AssessmentPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var version = await db.AssessmentSchemes.IgnoreQueryFilters().AsNoTracking().Where(x => x.DistrictCode == period.DistrictCode && x.EffectiveFrom <= period.StartsOn)
            .OrderByDescending(x => x.Number).FirstOrDefaultAsync(ct);
        return version?.Settings ?? SchemeSettings.Default;
    }

    /// <summary>
    /// The results every page, export, API answer and pay figure uses: the stored ones from publication on,
    /// otherwise computed now; only the lines of workers the caller can see.
    /// </summary>
    public async Task<PeriodResults?> ResultsAsync(int periodId, CancellationToken ct)
    {
        var period = await db.AssessmentPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null)
        {
            return null;
        }

        Scheme = await SchemeForAsync(period, ct);
        var (rows, source) = period.IsPublished && period.Results is { } stored
            ? (ReadSnapshot(stored), period.Status == PeriodStatus.Frozen ? ResultsSource.Frozen : ResultsSource.Published)
            : (await ComputeAsync(period, ct), ResultsSource.Live);
        var visible = (await db.Workers.Select(w => w.Id).ToListAsync(ct)).ToHashSet();
        return new PeriodResults(period, [.. rows.Where(r => visible.Contains(r.WorkerId))], source, Scheme.MinimumValidEvaluations);
    }

    /// <summary>The results computed now from the data, for the whole district (what 公示 and corrections store).</summary>
    public async Task<List<WorkerScore>> ComputeAsync(AssessmentPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        Scheme = await SchemeForAsync(period, ct);
        var district = period.DistrictCode;
        var workers = await db.Workers.IgnoreQueryFilters().AsNoTracking().Include(w => w.Assignments)
            .Where(w => w.RegionCode.StartsWith(district) || w.Assignments.Any(a => a.RegionCode.StartsWith(district))).OrderBy(w => w.Id).ToListAsync(ct);
        var names = await db.Regions.IgnoreQueryFilters().Where(r => r.Code.Length == 12 && r.Code.StartsWith(district)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var cards = period.Quarter is null ? await AnnualAsync(period, workers, ct) : await QuarterAsync(period, workers, ct);

        string Community(Shequ.Domain.Workforce.Worker w)
        {
            var code = w.Assignments.Count > 0 ? w.Assignments[0].RegionCode : w.RegionCode;
            return code[..Math.Min(12, code.Length)];
        }

        var byCommunity = cards.GroupBy(c => Community(c.Worker)).SelectMany(g => Scoring.Rank(g.Select(x => x.Card))).ToDictionary(kv => kv.Key, kv => kv.Value);
        var byStreet = cards.GroupBy(c => Community(c.Worker)[..Math.Min(9, Community(c.Worker).Length)]).SelectMany(g => Scoring.Rank(g.Select(x => x.Card))).ToDictionary(kv => kv.Key, kv => kv.Value);
        return [.. cards.Select(c => new WorkerScore(c.Worker.Id, c.Worker.Name, names.GetValueOrDefault(Community(c.Worker)) ?? Community(c.Worker), c.Summary, c.Card,
            byCommunity.TryGetValue(c.Worker.Id, out var rc) ? rc : null, byStreet.TryGetValue(c.Worker.Id, out var rs) ? rs : null, c.Quarters))];
    }

    public static string WriteSnapshot(IEnumerable<WorkerScore> rows) => System.Text.Json.JsonSerializer.Serialize(rows, SnapshotJson);

    public static List<WorkerScore> ReadSnapshot(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var rows = System.Text.Json.JsonSerializer.Deserialize<List<WorkerScore>>(json, SnapshotJson) ?? [];

        if (rows.TrueForAll(r => r.Evaluations is not null && r.Card is not null))
        {
            return rows;
        }

        // Results frozen before issue 14 kept only names, counts, total and ranks: read those lines once, by worker.
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var legacy = doc.RootElement.EnumerateArray().Select(FromLegacy).GroupBy(r => r.WorkerId).ToDictionary(g => g.Key, g => g.First());
        return [.. rows.Select(r => r.Evaluations is null || r.Card is null ? legacy.GetValueOrDefault(r.WorkerId) ?? r : r)];
    }

    private static WorkerScore FromLegacy(System.Text.Json.JsonElement e)
    {
        int? Int(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetInt32() : null;
        decimal? total = e.TryGetProperty("Total", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.Number ? t.GetDecimal() : null;
        var workerId = e.GetProperty("WorkerId").GetInt32();
        return new WorkerScore(workerId, e.GetProperty("Name").GetString() ?? string.Empty, e.GetProperty("Community").GetString() ?? string.Empty,
            new EvaluationSummary(0, 0, 0, 0, Int("Valid") ?? 0, Int("Invalid") ?? 0, 0, null) { Withheld = true }, new ScoreCard(workerId, new Dictionary<Indicator, decimal?>(), total),
            Int("RankInCommunity"), Int("RankInStreet"));
    }

    private sealed record Line(Shequ.Domain.Workforce.Worker Worker, EvaluationSummary Summary, ScoreCard Card, IReadOnlyList<decimal?>? Quarters = null);

    private async Task<List<Line>> QuarterAsync(AssessmentPeriod period, List<Shequ.Domain.Workforce.Worker> workers, CancellationToken ct)
    {
        var workerIds = workers.Select(w => w.Id).ToList();
        var campaignIds = await db.EvaluationCampaigns.IgnoreQueryFilters().Where(c => c.PeriodId == period.Id).Select(c => c.Id).ToListAsync(ct);
        // A district's quarter holds a million evaluations (P4): the database counts them, nothing is loaded one by one.
        var evaluations = (await db.Evaluations.IgnoreQueryFilters().AsNoTracking().Where(e => campaignIds.Contains(e.CampaignId))
            .GroupBy(e => new { e.WorkerId, e.Grade, e.ReasonCheck, e.ScreenedOut, HasReason = e.Reason != null })
            .Select(g => new { g.Key.WorkerId, g.Key.Grade, g.Key.ReasonCheck, g.Key.ScreenedOut, g.Key.HasReason, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(t => t.WorkerId, t => new GradeTally(t.Grade, Evaluation.ValidityOf(t.Grade, t.HasReason, t.ReasonCheck, t.ScreenedOut), t.Count));
        var invited = await db.InvitedCounts.Where(i => campaignIds.Contains(i.CampaignId))
            .GroupBy(i => i.WorkerId).Select(g => new { g.Key, Count = g.Sum(i => i.Subjects) }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        // Work counts up to the period's end, or the day it closed; a running period is judged on the days so far.
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var from = period.StartsOn;
        var to = period.MeasuredUntil < today ? period.MeasuredUntil : today;
        var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var tasks = await db.WorkTasks.IgnoreQueryFilters().AsNoTracking().Include(t => t.Assignees).Include(t => t.Completions).AsSplitQuery()
            .Where(t => t.Assignees.Any(a => a.WorkerId != null && workerIds.Contains(a.WorkerId.Value))).ToListAsync(ct);
        var requests = (await db.ServiceRequests.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.RegionCode.StartsWith(period.DistrictCode) && r.HandlerWorkerId != null && r.ReportedOnTime != null && r.DispatchedAtUtc >= fromUtc && r.DispatchedAtUtc < toUtc)
            .GroupBy(r => new { Worker = r.HandlerWorkerId!.Value, OnTime = r.ReportedOnTime!.Value }).Select(g => new { g.Key.Worker, g.Key.OnTime, Count = g.Count() })
            .ToListAsync(ct)).ToLookup(r => r.Worker);
        var logDays = (await db.WorkLog.IgnoreQueryFilters().AsNoTracking().Where(e => e.Date >= from && e.Date <= to && workerIds.Contains(e.WorkerId))
            .Select(e => new { e.WorkerId, e.Date }).Distinct().ToListAsync(ct)).CountBy(e => e.WorkerId).ToDictionary();
        var tasksOf = tasks.SelectMany(t => t.Assignees.Where(a => a.WorkerId != null).Select(a => (Task: t, Assignee: a))).ToLookup(x => x.Assignee.WorkerId!.Value);
        var workingDays = (await CalendarAsync(db, from.Year, to.Year, ct)).WorkingDays(from, to);

        var cards = new List<Line>();
        foreach (var w in workers)
        {
            var summary = EvaluationSummary.Of(evaluations[w.Id], invited.GetValueOrDefault(w.Id), Scheme.Points, Scheme.MinimumValidEvaluations);
            var own = tasksOf[w.Id].ToList();
            var routine = own.Where(x => x.Task.Kind == TaskKind.Routine).SelectMany(x => x.Task.DueDates(from, to).Select(d => x.Task.Completions.Any(c => c.AssigneeId == x.Assignee.Id && c.DueOn == d && c.OnTime))).ToList();
            var surge = SurgeScores(own, from, to);
            var handled = requests[w.Id].ToList();
            var handledCount = handled.Sum(r => r.Count);
            var indicators = new Dictionary<Indicator, decimal?>
            {
                [Indicator.ResidentEvaluation] = summary.Score,
                [Indicator.RoutineWork] = routine.Count == 0 ? null : Math.Round(100m * routine.Count(x => x) / routine.Count, 2),
                [Indicator.SurgeTasks] = surge,
                [Indicator.RequestsOnTime] = handledCount == 0 ? null : Math.Round(100m * handled.Where(r => r.OnTime).Sum(r => r.Count) / handledCount, 2),
                [Indicator.WorkLogCompleteness] = workingDays == 0 ? null : Math.Min(100, Math.Round(100m * logDays.GetValueOrDefault(w.Id) / workingDays, 2)),
            };
            cards.Add(new Line(w, summary, Scoring.Score(w.Id, Scheme, indicators)));
        }

        return cards;
    }

    /// <summary>
    /// A year: the totals its quarters froze with (a quarter created or changed after the year was published cannot
    /// move it, since the year's results are stored at publication) and the year's surge assessments.
    /// </summary>
    private async Task<List<Line>> AnnualAsync(AssessmentPeriod year, List<Shequ.Domain.Workforce.Worker> workers, CancellationToken ct)
    {
        var frozen = await db.AssessmentPeriods.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.DistrictCode == year.DistrictCode && p.Year == year.Year && p.Quarter != null && p.Status == PeriodStatus.Frozen && p.Results != null)
            .ToListAsync(ct);
        var quarterRows = frozen.ToDictionary(p => p.Quarter!.Value, p => ReadSnapshot(p.Results!).ToDictionary(r => r.WorkerId));
        var workerIds = workers.Select(w => w.Id).ToList();
        var tasks = await db.WorkTasks.IgnoreQueryFilters().AsNoTracking().Include(t => t.Assignees).Include(t => t.Completions).AsSplitQuery()
            .Where(t => t.Kind == TaskKind.Surge && t.Assignees.Any(a => a.WorkerId != null && workerIds.Contains(a.WorkerId.Value))).ToListAsync(ct);
        var tasksOf = tasks.SelectMany(t => t.Assignees.Where(a => a.WorkerId != null).Select(a => (Task: t, Assignee: a))).ToLookup(x => x.Assignee.WorkerId!.Value);
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var to = year.MeasuredUntil < today ? year.MeasuredUntil : today;

        var cards = new List<Line>();
        foreach (var w in workers)
        {
            var lines = Enumerable.Range(1, 4).Select(q => quarterRows.TryGetValue(q, out var rows) && rows.TryGetValue(w.Id, out var row) ? row : null).ToList();
            var quarters = lines.Select(l => l?.Card.Total).ToList();
            var shown = lines.Where(l => l is not null && !l.Evaluations.Withheld).Select(l => l!.Evaluations).ToList();
            var valid = lines.Sum(l => l?.Evaluations.Valid ?? 0);
            var summary = new EvaluationSummary(shown.Sum(e => e.Excellent), shown.Sum(e => e.Good), shown.Sum(e => e.Fair), shown.Sum(e => e.Poor), valid,
                shown.Sum(e => e.Invalid), shown.Sum(e => e.Invited), null) { Withheld = shown.Count == 0 };
            var surge = SurgeScores([.. tasksOf[w.Id]], year.StartsOn, to);
            var indicators = new Dictionary<Indicator, decimal?> { [Indicator.SurgeTasks] = surge };
            cards.Add(new Line(w, summary, new ScoreCard(w.Id, indicators, Scoring.Annual(quarters, surge, Scheme)), quarters));
        }

        return cards;
    }

    private decimal? SurgeScores(List<(WorkTask Task, TaskAssignee Assignee)> own, DateOnly from, DateOnly to)
    {
        var surge = own.Where(x => x.Task.Kind == TaskKind.Surge).SelectMany(x => x.Task.Completions.Where(c => c.AssigneeId == x.Assignee.Id && c.IsAssessed && c.CompletedOn >= from && c.CompletedOn <= to))
            .Select(c => c.Score ?? Scheme.Points.Of(c.Grade!.Value)).ToList();
        return surge.Count == 0 ? null : Math.Round(surge.Average(), 2);
    }

    /// <summary>
    /// The working-day calendar for these years: each year's own setting, or the national arrangement when none is set,
    /// or weekdays only for a year neither knows (the calendar page says so).
    /// </summary>
    public static async Task<WorkCalendar> CalendarAsync(ShequDbContext db, int fromYear, int toYear, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.HolidayCalendars.AsNoTracking().Where(c => c.Year >= fromYear && c.Year <= toYear).ToDictionaryAsync(c => c.Year, ct);
        return WorkCalendar.Combine(Enumerable.Range(fromYear, toYear - fromYear + 1)
            .Select(y => stored.TryGetValue(y, out var c) ? c.Calendar : NationalHolidays.CalendarOf(y)));
    }
}
