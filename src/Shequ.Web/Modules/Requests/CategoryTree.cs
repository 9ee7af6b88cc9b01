using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Requests;

namespace Shequ.Web.Modules.Requests;

/// <summary>The category tree in reading order (parents before children) with each node's depth, for select lists.</summary>
public static class CategoryTree
{
    public static async Task<List<(int Id, string Name, int Depth)>> ListAsync(ShequDbContext db, CancellationToken ct, bool activeOnly = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = await db.RequestCategories.AsNoTracking().Where(c => !activeOnly || c.IsActive).OrderBy(c => c.Code).ToListAsync(ct);
        return [.. Ordered(all).Select(x => (x.Category.Id, x.Category.Name, x.Depth))];
    }

    public static IEnumerable<(RequestCategory Category, int Depth)> Ordered(IReadOnlyList<RequestCategory> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var ids = all.Select(c => c.Id).ToHashSet();
        IEnumerable<(RequestCategory, int)> Walk(int? parent, int depth) =>
            all.Where(c => c.ParentId == parent || (depth == 0 && c.ParentId is { } p && !ids.Contains(p)))
               .SelectMany(c => new[] { (c, depth) }.Concat(Walk(c.Id, depth + 1)));
        return Walk(null, 0);
    }
}
