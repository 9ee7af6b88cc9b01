using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shequ.Domain.Assessment;
using Shequ.Web.Modules.Assessment;

namespace Shequ.Web.Modules.Assessment.Open;

/// <summary>
/// The resident's evaluation page (E2-4, E2-5; items D17–D19): phone first, no sign-in. Opening /e/{token} moves
/// the token into a short-lived HttpOnly cookie and redirects, so it leaves the address bar; a resident with a
/// paper slip types its code instead. One submit, then thanks; a used or expired code gets a clear page.
/// </summary>
public sealed class EvaluateModel(CampaignDesk desk, CodeGuard guard) : PageModel
{
    public const string Cookie = "Shequ.Evaluation";

    public EvaluationInvitation? Invitation { get; private set; }

    public Dictionary<(int WorkerId, int ItemId), (string Worker, string Item)> Names { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool Thanks { get; private set; }

    [BindProperty]
    public List<GradeInput> Grades { get; set; } = [];

    /// <summary>Ticked after being asked once for a reason: send the 优/差 without one, kept but not counted (E2-5).</summary>
    [BindProperty]
    public bool WithoutReason { get; set; }

    /// <summary>The resident was just asked for a reason, so the page offers to send without one.</summary>
    public bool AskedForReason { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(token))
        {
            Access.PrivateLinks.Carry(HttpContext, Cookie, "/e", token);
            return Redirect("/e");
        }

        CodeGuard.DeviceOf(HttpContext, issue: true);
        await LoadAsync(Request.Cookies[Cookie], ct);
        return Page();
    }

    /// <summary>A typed short code from a paper slip.</summary>
    public async Task<IActionResult> OnPostCodeAsync(string? code, CancellationToken ct)
    {
        if (TooMany())
        {
            return Page();
        }

        if (await desk.OpenAsync(code, ct) is null)
        {
            guard.Failed(HttpContext);
            Problem = "评议码无效，请核对卡片上的字母和数字后重新输入。";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        return await OnGetAsync(code!.Trim(), ct);
    }

    /// <summary>Too many unknown codes from this device or address: the page says so and looks nothing up (issue 14).</summary>
    private bool TooMany()
    {
        if (guard.RetryAfter(HttpContext) is not { } wait)
        {
            return false;
        }

        Problem = CodeGuard.TooManyMessage;
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var token = Request.Cookies[Cookie];
        if (TooMany())
        {
            return Page();
        }

        var result = await desk.SubmitAsync(token, Grades, ct, WithoutReason);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            guard.Failed(HttpContext);
        }

        if (result.Succeeded)
        {
            Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/e" });
            Thanks = true;
            return Page();
        }

        Response.StatusCode = result.Status;
        if (result.Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = Infrastructure.ApiExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await LoadAsync(token, ct);
        Problem = result.Error;
        AskedForReason = result.Status == StatusCodes.Status400BadRequest && Grades.Any(g => CampaignDesk.ParseGrade(g.Grade) is { } grade && Evaluation.NeedsReason(grade) && string.IsNullOrWhiteSpace(g.Reason));
        return Page();
    }

    private async Task LoadAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            return;
        }

        if (TooMany())
        {
            return;
        }

        Invitation = await desk.OpenAsync(token, ct);
        if (Invitation is null)
        {
            guard.Failed(HttpContext);
            Problem = "评议码无效，请核对后重新输入。";
        }
        else if (Invitation.IsUsed)
        {
            Problem = "这张评议卡已经提交过了，每张只能提交一次。谢谢您！";
            Invitation = null;
        }
        else if (Invitation.IsExpired(desk.NowUtc))
        {
            Problem = "这次评议已经结束，评议码已过期。";
            Invitation = null;
        }
        else
        {
            Names = await desk.NamesAsync(Invitation, ct);
        }
    }
}
