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

    /// <summary>Who may release a drafted reply: the office, not social workers, volunteers or the unit itself.</summary>
    public bool CanPublish => Roles.ReplyPublishers.Any(User.IsInRole);

    /// <summary>Registered units whose area holds the suggestion's community.</summary>
    public List<Domain.Organization.HandlingUnit> Units { get; private set; } = [];

    public DateOnly DefaultDue => desk.Today.AddDays(desk.Options.ReplyDays);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(int id, OpinionCategory category, int version, CancellationToken ct) =>
        ChangeAsync(id, version, CanSort, s => s.ConfirmCategory(category, User.Identity!.Name!), ct);

    /// <summary>Routes to a registered unit (its accounts then draft the reply) or, for one without accounts, to a unit by name.</summary>
    public async Task<IActionResult> OnPostRouteAsync(int id, UnitKind kind, string? unit, int? unitId, DateOnly due, int version, CancellationToken ct)
    {
        var registered = unitId is { } u ? await db.HandlingUnits.AsNoTracking().SingleOrDefaultAsync(x => x.Id == u && x.IsActive, ct) : null;
        return await ChangeAsync(id, version, CanRoute, s =>
        {
            if (unitId is not null && (registered is null || !registered.Serves(s.CommunityCode)))
            {
                throw new BusinessRuleViolationException(new ARouteNamesAUnitAndADeadlineRule(null, due, desk.Today));
            }

            s.Route(registered?.Kind ?? kind, registered?.Name ?? unit ?? string.Empty, due, desk.Today, registered?.Id);
        }, l["Suggestion.Routed", registered?.Name ?? unit ?? string.Empty], ct);
    }

    /// <summary>Staff write the reply for a unit without accounts, or correct a unit's draft; it stays a draft.</summary>
    public Task<IActionResult> OnPostAnswerAsync(int id, string? reply, bool wholeGroup, int version, CancellationToken ct) =>
        ChangeAsync(id, version, CanRoute, s => desk.Draft(s, Group, wholeGroup, reply, User.Identity!.Name!), l["Suggestion.Drafted"], ct);

    /// <summary>Releases the draft: on the public page, or (not for publication) to the resident only; the group's drafts with it.</summary>
    public Task<IActionResult> OnPostPublishAsync(int id, bool forPublication, bool wholeGroup, int version, CancellationToken ct) =>
        ChangeAsync(id, version, CanPublish, s =>
        {
            var now = desk.NowUtc;
            s.Publish(forPublication, User.Identity!.Name!, now);
            foreach (var other in wholeGroup ? Group.Where(g => g.Id != s.Id && g.Status == SuggestionStatus.Drafted && g.Reply == s.Reply) : [])
            {
                other.Publish(forPublication, User.Identity!.Name!, now);
            }
        }, l[forPublication ? "Suggestion.PublishedNotice" : "Suggestion.ReleasedNotice"], ct);

    private async Task<IActionResult> ChangeAsync(int id, int version, bool allowed, Action<Suggestion> change, CancellationToken ct) =>
        await ChangeAsync(id, version, allowed, change, l["Saved"], ct);

    private async Task<IActionResult> ChangeAsync(int id, int version, bool allowed, Action<Suggestion> change, string notice, CancellationToken ct)
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
            TempData["Notice"] = notice;
            return RedirectToPage(new { id });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadUnitsAsync(ct);
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
        if (!tracked)
        {
            await LoadUnitsAsync(ct);
        }

        return true;
    }

    private async Task LoadUnitsAsync(CancellationToken ct)
    {
        var units = await db.HandlingUnits.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Name).ToListAsync(ct);
        Units = [.. units.Where(u => u.Serves(Item.CommunityCode))];
    }
}
