using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Domain.Organization;

namespace Shequ.Web.Modules.Organization.Regions;

/// <summary>
/// The region picker's list: with no text, the caller's own region and the level below it (or below the node being
/// opened); with text, the regions in scope whose name or code matches. Only the caller's scope is ever offered.
/// </summary>
public sealed class PickModel(RegionDirectory directory, ICurrentActor actor) : PageModel
{
    public const int MaxOptions = 30;

    public IReadOnlyList<PickOption> Options { get; private set; } = [];

    public bool More { get; private set; }

    public sealed record PickOption(RegionDirectory.Entry Region, string Path, bool Selectable, bool HasChildren);

    public async Task<IActionResult> OnGetAsync(string? q, string? levels, string? under, CancellationToken ct)
    {
        var names = await directory.GetAsync(ct);
        var scope = actor.RegionPrefix;
        var allowed = RegionPicker.ParseLevels(levels);
        bool InScope(RegionDirectory.Entry e) => scope is null || e.Code.StartsWith(scope, StringComparison.Ordinal);

        IEnumerable<RegionDirectory.Entry> found;
        var text = q?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            // Regions that cannot be chosen stay in the list to be opened, after those that can.
            found = names.Search(text, scope).OrderBy(e => allowed.Contains(e.Level) ? 0 : 1);
        }
        else if (names.Find(under) is { } opened && InScope(opened))
        {
            found = names.ChildrenOf(opened.Code).Where(InScope).OrderBy(e => e.Code, StringComparer.Ordinal);
        }
        else
        {
            // The top of the caller's scope: the regions no visible region is above.
            var tops = names.All.Where(e => InScope(e) && (names.Find(e.ParentCode) is not { } p || !InScope(p))).OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
            found = tops.Count == 1 ? tops.Concat(names.ChildrenOf(tops[0].Code).OrderBy(e => e.Code, StringComparer.Ordinal)) : tops;
        }

        var list = found.Take(MaxOptions + 1).ToList();
        More = list.Count > MaxOptions;
        Options = list.Take(MaxOptions)
            .Select(e => new PickOption(e, string.Join(" › ", names.PathTo(e.Code).SkipLast(1).Select(a => a.Name)), allowed.Contains(e.Level), names.ChildrenOf(e.Code).Any()))
            .ToList();
        return Page();
    }
}
