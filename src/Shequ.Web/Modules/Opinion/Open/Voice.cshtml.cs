using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Opinion;

namespace Shequ.Web.Modules.Opinion.Open;

/// <summary>
/// A community's public opinion page: the published contact days (E8-6), a form for suggestions (anonymous
/// allowed, rate-limited), and the replies units have published.
/// </summary>
public sealed class VoiceModel(ShequDbContext db, OpinionDesk desk, Organization.RegionDirectory regions) : PageModel
{
    public const int RepliesShown = 20;

    public Region? Community { get; private set; }

    /// <summary>The communities to choose from, under their street, in code order.</summary>
    public List<(string Street, List<(string Code, string Name)> Communities)> Streets { get; private set; } = [];

    public DateOnly Today => desk.Today;

    public List<ContactDay> Days { get; private set; } = [];

    public List<Suggestion> Replies { get; private set; } = [];

    public string? FollowLink { get; private set; }

    public int? ReceivedId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? community, CancellationToken ct) => await LoadAsync(community, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string community, string? text, string? name, string? phone, bool follow, CancellationToken ct)
    {
        if (!await LoadAsync(community, ct) || Community is null)
        {
            return NotFound();
        }

        var result = await desk.SubmitAsync(new SuggestionInput(community, text, name, phone, follow), SuggestionSource.PublicForm, Shequ.Domain.Requests.ServiceRequest.RequesterActor, anyCommunity: true, ct);
        if (result.Suggestion is null)
        {
            ModelState.AddModelError(string.Empty, result.Error!);
            Response.StatusCode = result.Busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;
            if (result.Busy)
            {
                Response.Headers.RetryAfter = Infrastructure.ApiExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Page();
        }

        ReceivedId = result.Suggestion.Id;
        FollowLink = result.FollowToken is { } t ? $"{Request.Scheme}://{Request.Host}{OpinionEndpoints.FollowPath(t)}" : null;
        return Page();
    }

    private async Task<bool> LoadAsync(string? community, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(community))
        {
            var names = await regions.GetAsync(ct);
            Streets = [.. names.All.Where(r => r.Level == RegionLevel.Community).OrderBy(r => r.Code, StringComparer.Ordinal)
                .GroupBy(r => r.ParentCode).Select(g => (names.NameOf(g.Key), g.Select(c => (c.Code, c.Name)).ToList()))];
            return true;
        }

        Community = await db.Regions.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.Code == community && r.Level == RegionLevel.Community, ct);
        if (Community is null)
        {
            return false;
        }

        var today = desk.Today;
        Days = await db.ContactDays.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.CommunityCode == community && d.IsPublished && d.Date >= today.AddMonths(-1)).OrderBy(d => d.Date).Take(6).ToListAsync(ct);
        // What is coming first; the day just held after it, marked as held.
        Days = [.. Days.OrderBy(d => d.Date < today).ThenBy(d => d.Date)];
        Replies = await db.Suggestions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CommunityCode == community && s.Status == SuggestionStatus.Replied && s.ReplyIsPublic == true).OrderByDescending(s => s.RepliedAtUtc).Take(RepliesShown).ToListAsync(ct);
        return true;
    }
}
