using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Opinion;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Opinion.Open;

/// <summary>The resident's private page for a suggestion: where it stands, the reply, and one rating of it.</summary>
public sealed class SuggestionFollowModel(ShequDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public Suggestion Item { get; private set; } = null!;

    public bool Rated { get; private set; }

    public const string Cookie = "Shequ.SuggestionFollow";

    public const string Path = "/s";

    /// <summary>Opened from the link: the secret moves to a cookie and the page reopens without it (issue 15).</summary>
    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(token))
        {
            if (!await LoadAsync(token, ct))
            {
                return NotFound();
            }

            PrivateLinks.Carry(HttpContext, Cookie, Path, token);
            return Redirect(Path);
        }

        return await LoadAsync(Request.Cookies[Cookie], ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string? token, int rating, CancellationToken ct)
    {
        if (!await LoadAsync(string.IsNullOrEmpty(token) ? Request.Cookies[Cookie] : token, ct))
        {
            return NotFound();
        }

        try
        {
            Item.Rate(rating);
            await db.SaveChangesAsync(ct);
            Rated = true;
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (DbUpdateConcurrencyException)
        {
            return this.ConflictPage(l);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string? token, CancellationToken ct)
    {
        var hash = PrivateLinks.HashOf(token);
        var found = hash is null ? null : await db.Suggestions.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.FollowTokenHash == hash, ct);
        if (found is null)
        {
            return false;
        }

        Item = found;
        return true;
    }
}
