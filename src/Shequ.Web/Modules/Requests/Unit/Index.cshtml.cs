using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Opinion;
using Shequ.Domain.Requests;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Requests.Unit;

/// <summary>
/// A handling unit's workspace (承办单位): the cases and suggestions routed to it, open ones first. The data layer
/// already limits a unit's account to what was routed to its unit; this page only orders it.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = Shequ.Domain.Access.Roles.UnitHandler)]
public sealed class IndexModel(ShequDbContext db, TimeProvider time) : PageModel
{
    public string UnitName { get; private set; } = string.Empty;

    public Page<ServiceRequest> Cases { get; private set; } = new([], 1, Page<ServiceRequest>.DefaultSize, 0);

    public List<Suggestion> Suggestions { get; private set; } = [];

    public Dictionary<int, string> CategoryNames { get; private set; } = [];

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().Date);

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Open (to take up, to report) or done (reported and after).</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public bool Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var unitId = User.UnitIdOf();
        UnitName = await db.HandlingUnits.IgnoreQueryFilters().Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(ct) ?? string.Empty;
        var cases = db.ServiceRequests.AsNoTracking().Where(r => r.HandlerUnitId == unitId);
        cases = Done
            ? cases.Where(r => r.Stage != RequestStage.Dispatched && r.Stage != RequestStage.Handling).OrderByDescending(r => r.Id)
            : cases.Where(r => r.Stage == RequestStage.Dispatched || r.Stage == RequestStage.Handling).OrderBy(r => r.DueAtUtc);
        Cases = await cases.ToPageAsync(PageNumber, PagerModel.SizeFrom(Request), ct);
        Suggestions = await db.Suggestions.AsNoTracking()
            .Where(s => s.HandlerUnitId == unitId && (Done ? s.Status == SuggestionStatus.Replied : s.Status == SuggestionStatus.Routed || s.Status == SuggestionStatus.Drafted))
            .OrderBy(s => s.ReplyDueOn).Take(200).ToListAsync(ct);
        CategoryNames = await db.RequestCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }
}
