using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Modules.Organization;

/// <summary>The region tree, opened level by level with htmx; it starts at the caller's own region.</summary>
public sealed class TreeModel(ShequDbContext db) : PageModel
{
    public IReadOnlyList<Node> Nodes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var own = User.RegionCodeOf();
        var roots = own is null
            ? db.Regions.Where(r => r.ParentId == null)
            : db.Regions.Where(r => r.Code == own);
        Nodes = await ProjectAsync(roots, ct);
    }

    public async Task<IActionResult> OnGetChildrenAsync(string code, CancellationToken ct)
    {
        var parent = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (parent is null)
        {
            return NotFound();
        }

        return Partial("_TreeNodes", await ProjectAsync(db.Regions.Where(r => r.ParentId == parent.Id), ct));
    }

    private async Task<IReadOnlyList<Node>> ProjectAsync(IQueryable<Region> regions, CancellationToken ct) =>
        await regions.AsNoTracking().OrderBy(r => r.Code)
            .Select(r => new Node(r.Code, r.Name, r.Level, db.Regions.Count(c => c.ParentId == r.Id)))
            .ToListAsync(ct);

    public sealed record Node(string Code, string Name, RegionLevel Level, int ChildCount);
}
