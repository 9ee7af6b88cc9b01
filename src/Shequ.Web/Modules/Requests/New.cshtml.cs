using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Domain.Requests;
using Shequ.Web.Modules.Requests;
using Shequ.Web.Modules.Organization;

namespace Shequ.Web.Modules.Requests;

/// <summary>Intake at the desk or by a worker in the field; the resident gets the follow link on the next page.</summary>
[Authorize(Policy = Policies.ServiceWork)]
public sealed class NewModel(ShequDbContext db, RequestDesk desk, RegionDirectory regions) : PageModel
{
    [BindProperty]
    public RequestInput Input { get; set; } = new(null, 0, null, null, null, null, null);

    [BindProperty]
    public RequestChannel Channel { get; set; } = RequestChannel.Desk;

    public List<(int Id, string Name, int Depth)> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var channel = Channel == RequestChannel.Field ? RequestChannel.Field : RequestChannel.Desk;
        Input = Input with { RegionCode = await regions.FilterCodeAsync(Input.RegionCode, User, ct) };
        var result = await desk.IntakeAsync(Input, channel, User.Identity!.Name!, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.FirstError);
            Response.StatusCode = result.Status;
            await LoadAsync(ct);
            return Page();
        }

        TempData["FollowLink"] = $"{Request.Scheme}://{Request.Host}{RequestEndpoints.FollowPath(result.FollowToken!)}";
        return RedirectToPage("Details", new { id = result.Request!.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Categories = await CategoryTree.ListAsync(db, ct);
    }
}
