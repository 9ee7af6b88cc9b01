using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Domain.Requests;
using Shequ.Web.Modules.Requests;

namespace Shequ.Web.Modules.Requests.Open;

/// <summary>The public request form: no sign-in, phone optional, rate-limited per address. It hands back the private follow link once.</summary>
public sealed class ReportModel(ShequDbContext db, RequestDesk desk) : PageModel
{
    [BindProperty]
    public RequestInput Input { get; set; } = new(null, 0, null, null, null, null, null);

    public string? FollowLink { get; private set; }

    public int? RequestId { get; private set; }

    public List<(string Code, string Name, string Street)> Communities { get; private set; } = [];

    public List<(int Id, string Name, int Depth)> Categories { get; private set; } = [];

    public async Task OnGetAsync(string? community, CancellationToken ct)
    {
        Input = Input with { RegionCode = community };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await desk.IntakeAsync(Input, RequestChannel.Public, ServiceRequest.RequesterActor, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.FirstError);
            Response.StatusCode = result.Status;
            await LoadAsync(ct);
            return Page();
        }

        RequestId = result.Request!.Id;
        FollowLink = $"{Request.Scheme}://{Request.Host}{RequestEndpoints.FollowPath(result.FollowToken!)}";
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var regions = await db.Regions.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Level == RegionLevel.Street || r.Level == RegionLevel.Community)
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name, r.Level }).ToListAsync(ct);
        var streets = regions.Where(r => r.Level == RegionLevel.Street).ToDictionary(r => r.Code[..9], r => r.Name);
        Communities = [.. regions.Where(r => r.Level == RegionLevel.Community).Select(r => (r.Code, r.Name, streets.GetValueOrDefault(r.Code[..9]) ?? string.Empty))];
        Categories = await CategoryTree.ListAsync(db, ct);
    }
}
