using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Opinion;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Opinion.Unit;

/// <summary>
/// A suggestion routed to the unit: the unit writes its reply, which stays a draft until the community office
/// publishes it. The resident's name and phone are not shown here.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = Shequ.Domain.Access.Roles.UnitHandler)]
public sealed class ReplyModel(ShequDbContext db, OpinionDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    public Suggestion Item { get; private set; } = null!;

    public List<Suggestion> Group { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, false, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, string? reply, bool wholeGroup, int version, CancellationToken ct)
    {
        if (!await LoadAsync(id, true, ct))
        {
            return NotFound();
        }

        if (Item.Version != version)
        {
            return this.ConflictPage(l);
        }

        try
        {
            desk.Draft(Item, Group, wholeGroup, reply, User.Identity!.Name!);
            await db.SaveChangesAsync(ct);
            TempData["Notice"] = (string)l["Suggestion.Drafted"];
            return RedirectToPage(new { id });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            return this.ConflictPage(l);
        }
    }

    private async Task<bool> LoadAsync(int id, bool tracked, CancellationToken ct)
    {
        var unitId = User.UnitIdOf();
        var suggestions = (tracked ? db.Suggestions : db.Suggestions.AsNoTracking()).Where(s => s.HandlerUnitId == unitId);
        var found = await suggestions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (found is null)
        {
            return false;
        }

        Item = found;
        Group = Item.GroupId is { } g ? await suggestions.Where(s => s.GroupId == g).OrderBy(s => s.Id).ToListAsync(ct) : [Item];
        return true;
    }
}
