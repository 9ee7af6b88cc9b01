using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Requests;
using Shequ.Web.Modules.Requests;

namespace Shequ.Web.Modules.Requests.Open;

/// <summary>
/// The requester's private page, reached by the link given at intake: where the request stands, what was
/// done, and once after closure the question "was it solved?" (no reopens it).
/// </summary>
public sealed class FollowModel(ShequDbContext db, RequestDesk desk) : PageModel
{
    public ServiceRequest? Case { get; private set; }

    public string? CategoryName { get; private set; }

    public bool Answered { get; private set; }

    public const string Cookie = "Shequ.Follow";

    public const string Path = "/r";

    /// <summary>Opened from the link: the secret moves to a cookie and the page reopens without it (issue 15).</summary>
    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(token))
        {
            if (await desk.FindByFollowTokenAsync(token, ct) is null)
            {
                return NotFound();
            }

            Access.PrivateLinks.Carry(HttpContext, Cookie, Path, token);
            return Redirect(Path);
        }

        return await LoadAsync(Request.Cookies[Cookie], ct) ? Page() : NotFound();
    }

    /// <summary>What the resident chose, kept for the form when something was missing.</summary>
    public bool? ChoseSolved { get; private set; }

    public async Task<IActionResult> OnPostAsync(string? token, bool solved, Satisfaction? rating, string? words, CancellationToken ct)
    {
        token = string.IsNullOrEmpty(token) ? Request.Cookies[Cookie] : token;
        ChoseSolved = solved;
        var result = await desk.AnswerAsync(token, solved, rating, words, ct);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.FirstError);
            Response.StatusCode = result.Status;
        }
        else
        {
            Answered = true;
        }

        await LoadAsync(token, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string? token, CancellationToken ct)
    {
        Case = string.IsNullOrEmpty(token) ? null : await desk.FindByFollowTokenAsync(token, ct);
        if (Case is null)
        {
            return false;
        }

        CategoryName = await db.RequestCategories.Where(c => c.Id == Case.CategoryId).Select(c => c.Name).SingleOrDefaultAsync(ct);
        return true;
    }
}
