using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Requests;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Services.Tasks;

namespace Shequ.Web.Modules.Services;

/// <summary>One line of the home page's reminders: what, how many, and where to act on it.</summary>
public sealed record Reminder(string Key, int Count, string Link, bool Urgent);

/// <summary>
/// What needs the signed-in person's attention now: their overdue and soon-due task occurrences, requests
/// waiting for them, requests past their limit, and new public requests not yet opened.
/// </summary>
public static class Reminders
{
    public const int DueSoonDays = 3;

    public static async Task<List<Reminder>> ForAsync(ShequDbContext db, ClaimsPrincipal user, DateOnly today, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var ownWorker = await db.Workers.Where(w => w.StaffUserId == userId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        var region = user.RegionCodeOf();

        var tasks = await db.WorkTasks.AsNoTracking().Include(t => t.Assignees).Include(t => t.Completions).AsSplitQuery()
            .Where(t => t.EndsOn == null || t.EndsOn >= today.AddDays(-WorkTaskLookback)).Take(IndexModel.TaskLimit).ToListAsync(ct);
        var mine = tasks.SelectMany(t => t.Assignees.Where(a => TaskBoard.IsOwnShare(a, ownWorker, region)).Select(a => (Task: t, Assignee: a))).ToList();
        var overdueTasks = mine.Sum(x => x.Task.Overdue(today).Count(o => o.AssigneeId == x.Assignee.Id));
        var soonTasks = mine.Count(x => x.Task.NextDue(x.Assignee.Id, today) is { } d && d <= today.AddDays(DueSoonDays));

        var myRequests = ownWorker is null ? 0 : await db.ServiceRequests.CountAsync(
            r => r.HandlerWorkerId == ownWorker && (r.Stage == RequestStage.Dispatched || r.Stage == RequestStage.Handling), ct);
        var lateRequests = await db.ServiceRequests.CountAsync(r => (r.Stage == RequestStage.Dispatched || r.Stage == RequestStage.Handling) && r.DueAtUtc < nowUtc, ct);
        var newRequests = await db.ServiceRequests.CountAsync(r => r.Stage == RequestStage.Collected, ct);

        List<Reminder> all =
        [
            new("Reminder.OverdueTasks", overdueTasks, "/Services/Tasks?overdue=true", true),
            new("Reminder.LateRequests", lateRequests, "/Requests?list=Overdue", true),
            new("Reminder.MyRequests", myRequests, "/Requests?list=Mine", false),
            new("Reminder.NewRequests", newRequests, "/Requests?stage=Collected", false),
            new("Reminder.SoonTasks", soonTasks, "/Services/Tasks", false),
        ];
        return [.. all.Where(r => r.Count > 0)];
    }

    private const int WorkTaskLookback = Shequ.Domain.Services.WorkTask.OverdueLookbackDays;
}
