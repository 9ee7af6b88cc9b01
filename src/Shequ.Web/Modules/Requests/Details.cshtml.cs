using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Requests;
using Shequ.Web.Modules.Access;
using Shequ.Web.Modules.Requests;

namespace Shequ.Web.Modules.Requests;

/// <summary>One request: what it says, its timeline, and the moves the workflow allows from here.</summary>
public sealed class DetailsModel(ShequDbContext db, RequestDesk desk, IPersonalDataSealer sealer, TimeProvider time, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public ServiceRequest Case { get; private set; } = null!;

    public string? CategoryName { get; private set; }

    public string? HandlerName { get; private set; }

    public string? HandlerUnitName { get; private set; }

    /// <summary>Units whose area holds this case, for dispatch.</summary>
    public List<(int Id, string Name)> Units { get; private set; } = [];

    public string? MaskedPhone { get; private set; }

    public int LimitHours { get; private set; }

    public List<(int Id, string Name, bool Serves)> Handlers { get; private set; } = [];

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public bool CanAct => User.CanEditRegistry();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMoveAsync(int id, RequestStage to, string? note, string? handler, int version, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        var (workerId, unitId) = HandlerChoice.Parse(handler);
        return await AfterAsync(id, await desk.MoveAsync(id, to, User.Identity!.Name!, note, workerId, version, ct, handlerUnitId: unitId), l["Request.Moved", l["Stage." + to]], ct);
    }

    /// <summary>Staff rang the requester and write down their answer; it is shown as 电话回访, never as the resident's own.</summary>
    public async Task<IActionResult> OnPostPhoneAsync(int id, bool solved, Satisfaction? rating, string? words, int version, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }

        return await AfterAsync(id, await desk.RecordPhoneFollowUpAsync(id, solved, rating, words, User.Identity!.Name!, version, ct), l["Request.PhoneRecorded"], ct);
    }

    private async Task<IActionResult> AfterAsync(int id, DeskResult result, string notice, CancellationToken ct)
    {
        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { id });
        }

        ModelState.AddModelError(string.Empty, result.FirstError);
        Response.StatusCode = result.Status;
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var found = await db.ServiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (found is null)
        {
            return false;
        }

        Case = found;
        CategoryName = await db.RequestCategories.Where(c => c.Id == Case.CategoryId).Select(c => c.Name).SingleOrDefaultAsync(ct);
        HandlerName = Case.HandlerWorkerId is { } h ? await db.Workers.Where(w => w.Id == h).Select(w => w.Name).SingleOrDefaultAsync(ct) : null;
        HandlerUnitName = Case.HandlerUnitId is { } u ? await db.HandlingUnits.IgnoreQueryFilters().Where(x => x.Id == u).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        MaskedPhone = Case.MaskedRequesterPhone(sealer);
        LimitHours = await desk.LimitForAsync(Case.CategoryId, ct);
        if (RequestWorkflow.IsAllowed(Case.Stage, RequestStage.Dispatched))
        {
            // Workers who serve the request's community come first.
            var community = Case.RegionCode[..Math.Min(12, Case.RegionCode.Length)];
            var workers = await db.Workers.AsNoTracking().OrderBy(w => w.Name).Take(500)
                .Select(w => new { w.Id, w.Name, Serves = w.Assignments.Any(a => community.StartsWith(a.RegionCode) || a.RegionCode.StartsWith(community)) })
                .ToListAsync(ct);
            Handlers = [.. workers.OrderByDescending(w => w.Serves).Select(w => (w.Id, w.Name, w.Serves))];
            var units = await db.HandlingUnits.AsNoTracking().Where(x => x.IsActive).OrderBy(x => x.Name).ToListAsync(ct);
            Units = [.. units.Where(x => x.Serves(Case.RegionCode)).Select(x => (x.Id, x.Name))];
        }

        return true;
    }
}
