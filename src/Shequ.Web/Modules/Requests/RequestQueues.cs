using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Requests;

namespace Shequ.Web.Modules.Requests;

public enum RequestList
{
    /// <summary>Work still to do in the caller's scope (their community's queue, a street's or the district's): from intake to the verifier's check; a closed case waits only for the resident.</summary>
    Community = 0,

    /// <summary>Requests dispatched to the caller as handler and not yet reported done.</summary>
    Mine = 1,

    /// <summary>Requests running past their time limit.</summary>
    Overdue = 2,

    /// <summary>Every request in scope, open or not.</summary>
    All = 3,
}

/// <summary>The lists staff work from, the same for pages, exports and the API.</summary>
public static class RequestQueues
{
    public static RequestList Parse(string? queue) => Enum.TryParse<RequestList>(queue, ignoreCase: true, out var q) ? q : RequestList.Community;

    public static async Task<IQueryable<ServiceRequest>> FilterAsync(
        ShequDbContext db, ClaimsPrincipal user, RequestList queue, int? categoryId, RequestStage? stage, string? q, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var query = db.ServiceRequests.AsNoTracking();
        switch (queue)
        {
            case RequestList.Mine:
                var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
                var workerId = await db.Workers.Where(w => w.StaffUserId == userId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
                query = query.Where(r => r.HandlerWorkerId == workerId && (r.Stage == RequestStage.Dispatched || r.Stage == RequestStage.Handling));
                break;
            case RequestList.Overdue:
                query = query.Where(r => (r.Stage == RequestStage.Dispatched || r.Stage == RequestStage.Handling) && r.DueAtUtc < nowUtc);
                break;
            case RequestList.Community:
                query = query.Where(r => r.Stage == RequestStage.Collected || r.Stage == RequestStage.Opened || r.Stage == RequestStage.Dispatched
                    || r.Stage == RequestStage.Handling || r.Stage == RequestStage.Reported);
                break;
        }

        if (categoryId is { } c)
        {
            // A category stands for its branch: asking for 维修 lists 水电维修 too.
            var all = await db.RequestCategories.AsNoTracking().Select(x => new { x.Id, x.ParentId }).ToListAsync(ct);
            var branch = new HashSet<int> { c };
            for (var grew = true; grew;)
            {
                grew = false;
                foreach (var x in all.Where(x => x.ParentId is { } p && branch.Contains(p) && !branch.Contains(x.Id)))
                {
                    grew |= branch.Add(x.Id);
                }
            }

            query = query.Where(r => branch.Contains(r.CategoryId));
        }

        if (stage is { } s)
        {
            query = query.Where(r => r.Stage == s);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = int.TryParse(text, out var id) ? query.Where(r => r.Id == id) : query.Where(r => r.Title.Contains(text) || r.Description.Contains(text));
        }

        return queue == RequestList.Overdue
            ? query.OrderBy(r => r.DueAtUtc)
            : query.OrderByDescending(r => r.EscalationLevel).ThenBy(r => r.DueAtUtc == null).ThenBy(r => r.DueAtUtc).ThenByDescending(r => r.Id);
    }
}
