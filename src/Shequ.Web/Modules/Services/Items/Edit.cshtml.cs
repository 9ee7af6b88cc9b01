using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Services;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Services.Items;

/// <summary>
/// Defines an item and writes its standard and flow. Saving writes a draft; publishing makes it the version
/// residents see. Only the region that defined an item (or one above it) edits it.
/// </summary>
public sealed class EditModel(ShequDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ItemInput Input { get; set; } = new();

    public ServiceItem? Item { get; private set; }

    public bool CanEdit => User.CanEditOrganization() && (Item is null || IsOwnedByCaller(Item));

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id.Value, ct))
        {
            return NotFound();
        }

        if (Item is not null)
        {
            var shown = Item.PendingDraft ?? Item.Current;
            Input = new ItemInput
            {
                Code = Item.Code, Name = Item.Name, Function = Item.Function, Kind = Item.Kind, List = Item.List, Version = Item.Version,
                Standard = shown?.Standard,
                Steps = shown is null ? null : string.Join('\n', shown.Steps.OrderBy(s => s.Order).Select(s => $"{s.Name} | {s.TimeLimitDays} | {s.Materials}")),
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken ct)
    {
        if (id is not null && !await LoadAsync(id.Value, ct))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        if (Item is not null && Item.Version != Input.Version)
        {
            return this.ConflictPage(l);
        }

        if (!TryParseSteps(Input.Steps, out var steps))
        {
            ModelState.AddModelError(string.Empty, l["Item.StepsFormat"]);
            return Page();
        }

        try
        {
            var region = User.RegionCodeOf() ?? string.Empty;
            if (Item is null)
            {
                if (await db.ServiceItems.IgnoreQueryFilters().AnyAsync(i => i.RegionCode == region && i.Code == (Input.Code ?? string.Empty).Trim(), ct))
                {
                    ModelState.AddModelError(string.Empty, l["Item.DuplicateCode"]);
                    return Page();
                }

                Item = ServiceItem.Define(region, Input.Code ?? string.Empty, Input.Name ?? string.Empty, Input.Function, Input.Kind, Input.List);
                db.ServiceItems.Add(Item);
            }
            else
            {
                Item.Rename(Input.Name ?? string.Empty, Input.Function, Input.Kind, Input.List);
            }

            var shown = Item.PendingDraft ?? Item.Current;
            var changed = shown is null || shown.Standard != (Input.Standard ?? string.Empty).Trim()
                || !shown.Steps.OrderBy(s => s.Order).Select(s => (s.Name, s.TimeLimitDays, s.Materials)).SequenceEqual(steps.Select(s => (s.Name.Trim(), s.Days, string.IsNullOrWhiteSpace(s.Materials) ? null : s.Materials.Trim())));
            if (changed)
            {
                Item.Revise(Input.Standard ?? string.Empty, steps);
            }

            await db.SaveChangesAsync(ct);
            return RedirectToPage(new { id = Item.Id });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            return this.ConflictPage(l);
        }
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) => await ChangeAsync(id, i => i.Publish(DateOnly.FromDateTime(time.GetLocalNow().Date)), ct);

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active, CancellationToken ct) => await ChangeAsync(id, i => i.SetActive(active), ct);

    private async Task<IActionResult> ChangeAsync(int id, Action<ServiceItem> change, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        try
        {
            change(Item!);
            await db.SaveChangesAsync(ct);
            return RedirectToPage(new { id });
        }
        catch (BusinessRuleViolationException ex)
        {
            ModelState.AddRule(l, ex);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Item = await db.ServiceItems.SingleOrDefaultAsync(i => i.Id == id, ct);
        return Item is not null;
    }

    private bool IsOwnedByCaller(ServiceItem item) =>
        User.IsSystemAdmin() || (User.FindFirstValue(ShequClaims.ScopePrefix) is { } prefix && item.RegionCode.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>One step per line: name | working days | materials (the last two optional).</summary>
    public static bool TryParseSteps(string? text, out List<(string Name, int? Days, string? Materials)> steps)
    {
        steps = [];
        foreach (var line in (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(['|', '｜'], 3, StringSplitOptions.TrimEntries);
            int? days = null;
            if (parts.Length > 1 && parts[1].Length > 0)
            {
                if (!int.TryParse(parts[1], out var d))
                {
                    return false;
                }

                days = d;
            }

            steps.Add((parts[0], days, parts.Length > 2 ? parts[2] : null));
        }

        return true;
    }

    public sealed class ItemInput
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public CommunityFunction Function { get; set; } = CommunityFunction.CivilAffairs;

        public ServiceItemKind Kind { get; set; } = ServiceItemKind.Fixed;

        public DutyList List { get; set; } = DutyList.LegalDuty;

        public string? Standard { get; set; }

        public string? Steps { get; set; }

        public int Version { get; set; }
    }
}
