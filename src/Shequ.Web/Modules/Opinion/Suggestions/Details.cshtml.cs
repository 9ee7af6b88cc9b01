using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Access;
using Shequ.Domain.Common;
using Shequ.Domain.Opinion;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Opinion;

namespace Shequ.Web.Modules.Opinion.Suggestions;

/// <summary>
/// One suggestion: a person confirms the proposed category (volunteers may), staff route it to a unit with a
/// reply deadline and publish the unit's reply — to the whole group of similar suggestions at once if they wish.
/// </summary>
public sealed class DetailsModel(ShequDbContext db, OpinionDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    public Suggestion Item { get; private set; } = null!;

    public List<Suggestion> Group { get; private set; } = [];

    public bool CanSort => Roles.SuggestionKeepers.Any(User.IsInRole);

    public bool CanRoute => User.CanEditRegistry();

    public DateOnly DefaultDue => desk.Today.AddDays(desk.Options.ReplyDays);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(int id, OpinionCategory category, int version, CancellationToken ct) =>
        ChangeAsync(id, version, CanSort, s => s.ConfirmCategory(category, User.Identity!.Name!), ct);

    public Task<IActionResult> OnPostRouteAsync(int id, UnitKind kind, string? unit, DateOnly due, int version, CancellationToken ct) =>
        ChangeAsync(id, version, CanRoute, s => s.Route(kind, unit ?? string.Empty, due, desk.Today), ct);

    public async Task<IActionResult> OnPostAnswerAsync(int id, string? reply, bool wholeGroup, int version, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct, tracked: true))
        {
            return NotFound();
        }

        if (!CanRoute)
        {
            return Forbid();
        }

        if (Item.Version != version)
        {
            return this.ConflictPage(l);
        }

        try
        {
            var now = desk.NowUtc;
            Item.Answer(reply ?? string.Empty, User.Identity!.Name!, now, desk.Today);

            // One answer serves many: the group's other routed suggestions get the same reply.
            foreach (var other in wholeGroup ? Group.Where(g => g.Id != Item.Id && g.Status == SuggestionStatus.Routed) : [])
            {
                other.Answer(reply!, User.Identity!.Name!, now, desk.Today);
            }

            await db.SaveChangesAsync(ct);
            return RedirectToPage(new { id });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task<IActionResult> ChangeAsync(int id, int version, bool allowed, Action<Suggestion> change, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct, tracked: true))
        {
            return NotFound();
        }

        if (!allowed)
        {
            return Forbid();
        }

        if (Item.Version != version)
        {
            return this.ConflictPage(l);
        }

        try
        {
            change(Item);
            await db.SaveChangesAsync(ct);
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

    private async Task<bool> LoadAsync(int id, CancellationToken ct, bool tracked = false)
    {
        var suggestions = tracked ? db.Suggestions : db.Suggestions.AsNoTracking();
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
