using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Services;

namespace Shequ.Web.Modules.Services.Tasks;

/// <summary>Names for task assignees (workers and communities), looked up once per page.</summary>
public static class TaskBoard
{
    /// <summary>Whether an assignee is the caller's own share: their worker record, or a community within their region.</summary>
    public static bool IsOwnShare(TaskAssignee a, int? ownWorkerId, string? region)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.WorkerId is { } w ? w == ownWorkerId : !string.IsNullOrEmpty(region) && a.RegionCode.StartsWith(region, StringComparison.Ordinal);
    }

    /// <summary>"每周五", "每月月末", "截止 2026-12-01" and so on.</summary>
    public static string Schedule(IStringLocalizer l, WorkTask t)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(t);
        var day = t.RecurrenceDay ?? 0;
        return t.Kind == TaskKind.Surge
            ? l["Task.DeadlineOn", t.Deadline!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)]
            : t.Frequency switch
            {
                RecurrenceFrequency.Weekly => l["Frequency.Weekly", l["Weekday." + (day % 7)]],
                _ when day == 0 => l["Frequency." + t.Frequency + "Last"],
                _ => l["Frequency." + t.Frequency, day],
            };
    }

    public static async Task<Dictionary<int, string>> AssigneeNamesAsync(ShequDbContext db, IEnumerable<WorkTask> tasks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var assignees = tasks.DistinctBy(t => t.Id).SelectMany(t => t.Assignees).ToList();
        var workerIds = assignees.Where(a => a.WorkerId is not null).Select(a => a.WorkerId!.Value).Distinct().ToList();
        var codes = assignees.Where(a => a.WorkerId is null).Select(a => a.RegionCode).Distinct().ToList();
        var workers = await db.Workers.IgnoreQueryFilters().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var regions = await db.Regions.IgnoreQueryFilters().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        return assignees.ToDictionary(
            a => a.Id,
            a => a.WorkerId is { } w ? workers.GetValueOrDefault(w) ?? w.ToString(System.Globalization.CultureInfo.InvariantCulture) : regions.GetValueOrDefault(a.RegionCode) ?? a.RegionCode);
    }
}
