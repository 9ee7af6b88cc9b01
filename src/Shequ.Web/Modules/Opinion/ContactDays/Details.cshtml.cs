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

namespace Shequ.Web.Modules.Opinion.ContactDays;

/// <summary>
/// One contact day: staff arrange it, publish it and count who came; staff and volunteers enter the
/// suggestions gathered that day, each with Shequ's proposed category.
/// </summary>
public sealed class DetailsModel(ShequDbContext db, OpinionDesk desk, IStringLocalizer<SharedResource> l) : PageModel
{
    public ContactDay Day { get; private set; } = null!;

    public string CommunityName { get; private set; } = string.Empty;

    public List<ContactLeader> Leaders { get; private set; } = [];

    public List<Suggestion> Suggestions { get; private set; } = [];

    public bool CanArrange => User.CanEditRegistry();

    public bool CanEnter => Roles.SuggestionKeepers.Any(User.IsInRole);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostArrangeAsync(int id, string venue, TimeOnly start, TimeOnly end, string? agenda, int leader, int version, CancellationToken ct) =>
        await ChangeAsync(id, version, async () =>
        {
            var chosen = await db.ContactLeaders.SingleOrDefaultAsync(x => x.Id == leader, ct)
                ?? throw new BusinessRuleViolationException(new ALeaderHasANameAndATitleRule(null, null));
            Day.Arrange(venue, start, end, agenda, chosen);
        }, ct);

    public async Task<IActionResult> OnPostAttendanceAsync(int id, int residents, int organizations, int enterprises, int version, CancellationToken ct) =>
        await ChangeAsync(id, version, () =>
        {
            Day.RecordAttendance(residents, organizations, enterprises, desk.Today);
            return Task.CompletedTask;
        }, ct);

    public async Task<IActionResult> OnPostPublishAsync(int id, bool published, int version, CancellationToken ct) =>
        await ChangeAsync(id, version, () =>
        {
            Day.Publish(published);
            return Task.CompletedTask;
        }, ct);

    public async Task<IActionResult> OnPostSuggestionAsync(int id, string? text, string? name, string? phone, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanEnter)
        {
            return Forbid();
        }

        var result = await desk.SubmitAsync(new SuggestionInput(Day.CommunityCode, text, name, phone, false), SuggestionSource.ContactDay, User.Identity!.Name!, anyCommunity: false, ct, contactDayId: Day.Id);
        if (result.Suggestion is null)
        {
            ModelState.AddModelError(string.Empty, result.Error!);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["Entered"] = result.Suggestion.Id;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ChangeAsync(int id, int version, Func<Task> change, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct, tracked: true))
        {
            return NotFound();
        }

        if (!CanArrange)
        {
            return Forbid();
        }

        if (Day.Version != version)
        {
            return this.ConflictPage(l);
        }

        try
        {
            await change();
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
        var days = tracked ? db.ContactDays : db.ContactDays.AsNoTracking();
        var found = await days.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (found is null)
        {
            return false;
        }

        Day = found;
        CommunityName = await db.Regions.Where(r => r.Code == Day.CommunityCode).Select(r => r.Name).SingleOrDefaultAsync(ct) ?? Day.CommunityCode;
        Leaders = await db.ContactLeaders.AsNoTracking().Where(x => x.IsActive).OrderBy(x => x.Id).ToListAsync(ct);
        Suggestions = await db.Suggestions.AsNoTracking().Where(s => s.ContactDayId == id).OrderByDescending(s => s.Id).ToListAsync(ct);
        return true;
    }
}
