using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Access;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Organization.Regions;

/// <summary>
/// Imports a region tree from .xlsx. Every row is checked first; one bad row and nothing is written.
/// Re-importing the same file changes nothing (rows already there with the same name are left alone).
/// </summary>
[Authorize(Policy = Policies.OrganizationEdit)]
[RequestSizeLimit(11 * 1024 * 1024)]
public sealed class ImportModel(ShequDbContext db, IStringLocalizer<SharedResource> l, IOptions<Excel.UploadLimits> limits) : PageModel
{
    public const string CodeHeader = "代码";
    public const string NameHeader = "名称";
    public const string ParentHeader = "上级代码";
    public const string UrbanRuralHeader = "城乡分类代码";

    public List<RowError> RowErrors { get; } = [];

    public ImportOutcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate() => Excel.Download(
        [
            Row("320591", "明湖区", null, null),
            Row("320591001000", "湖滨街道", "320591", null),
            Row("320591001001", "湖滨社区", "320591001000", 111),
            Row("320591001001001", "湖滨社区第1网格", "320591001001", null),
        ],
        "区划导入模板.xlsx");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (Excel.Inspect(file, limits.Value) is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var rows = new List<ImportRow>();
        try
        {
            await using var stream = file!.OpenReadStream();
            var n = 1;
            foreach (IDictionary<string, object?> cells in stream.Query(useHeaderRow: true))
            {
                n++;
                if (rows.Count >= limits.Value.MaxRows)
                {
                    ModelState.AddModelError(string.Empty, l["Import.TooManyRows", limits.Value.MaxRows]);
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                    return Page();
                }

                var row = new ImportRow(n, Cell(cells, CodeHeader, "Code"), Cell(cells, NameHeader, "Name"), Cell(cells, ParentHeader, "ParentCode"), Cell(cells, UrbanRuralHeader, "UrbanRural"));
                if (row.Code is not null || row.Name is not null)
                {
                    rows.Add(row);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IndexOutOfRangeException)
        {
            ModelState.AddModelError(string.Empty, l["Import.Unreadable"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await ValidateAndBuildAsync(rows, ct);
        if (RowErrors.Count > 0 || outcome is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        db.Audit(AuditActions.Import, nameof(Region), detail: $"{file.FileName}: {outcome.Created} created, {outcome.Unchanged} unchanged");
        await db.SaveChangesAsync(ct);
        Outcome = outcome;
        return Page();
    }

    private async Task<ImportOutcome?> ValidateAndBuildAsync(List<ImportRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            ModelState.AddModelError(string.Empty, l["Import.Empty"]);
            return null;
        }

        // Everything the caller may see, keyed by code: parents can come from here or from the file.
        var known = await db.Regions.ToDictionaryAsync(r => r.Code, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var created = 0;
        var unchanged = 0;
        foreach (var row in rows.OrderBy(r => RegionCode.LevelOf(r.Code) ?? RegionLevel.Grid).ThenBy(r => r.Number))
        {
            var level = RegionCode.LevelOf(row.Code);
            if (row.Code is null || level is null)
            {
                RowErrors.Add(new RowError(row.Number, CodeHeader, l["Import.BadCode", row.Code ?? string.Empty]));
                continue;
            }

            if (!seen.Add(row.Code))
            {
                RowErrors.Add(new RowError(row.Number, CodeHeader, l["Import.DuplicateInFile", row.Code]));
                continue;
            }

            var impliedParent = RegionCode.ImpliedParentCode(row.Code);
            if (row.ParentCode is not null && row.ParentCode != impliedParent)
            {
                RowErrors.Add(new RowError(row.Number, ParentHeader, l["Import.ParentMismatch", row.ParentCode, row.Code]));
                continue;
            }

            if (known.TryGetValue(row.Code, out var existing))
            {
                if (existing.Name == row.Name?.Trim())
                {
                    unchanged++;
                }
                else
                {
                    RowErrors.Add(new RowError(row.Number, NameHeader, l["Import.CodeExistsDifferent", row.Code, existing.Name]));
                }

                continue;
            }

            Region? parent = null;
            if (impliedParent is not null && !known.TryGetValue(impliedParent, out parent))
            {
                RowErrors.Add(new RowError(row.Number, ParentHeader, l["Region.ParentNotFound", impliedParent]));
                continue;
            }

            if (parent is null && !User.IsSystemAdmin())
            {
                RowErrors.Add(new RowError(row.Number, CodeHeader, l["Import.DistrictNeedsSystemAdmin"]));
                continue;
            }

            UrbanRuralClass? cls = null;
            if (row.UrbanRural is not null)
            {
                if (!int.TryParse(row.UrbanRural, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || !Enum.IsDefined((UrbanRuralClass)c))
                {
                    RowErrors.Add(new RowError(row.Number, UrbanRuralHeader, l["Import.BadUrbanRural", row.UrbanRural]));
                    continue;
                }

                cls = (UrbanRuralClass)c;
            }

            try
            {
                var region = Region.Create(level.Value, parent, row.Code, row.Name ?? string.Empty, cls);
                db.Regions.Add(region);
                known[region.Code] = region;
                created++;
            }
            catch (BusinessRuleViolationException ex)
            {
                RowErrors.Add(new RowError(row.Number, ex.Code == "Region.Name" ? NameHeader : ex.Code == "Region.UrbanRuralClass" ? UrbanRuralHeader : CodeHeader, RuleMessages.For(l, ex)));
            }
        }

        RowErrors.Sort((a, b) => a.Row.CompareTo(b.Row));
        return RowErrors.Count > 0 ? null : new ImportOutcome(created, unchanged);
    }

    private static Dictionary<string, object?> Row(string code, string name, string? parent, int? urbanRural) => new()
    {
        [CodeHeader] = code,
        [NameHeader] = name,
        [ParentHeader] = parent,
        [UrbanRuralHeader] = urbanRural,
    };

    private static string? Cell(IDictionary<string, object?> cells, string header, string englishHeader) =>
        Excel.CellText(cells.TryGetValue(header, out var value) || cells.TryGetValue(englishHeader, out value) ? value : null);

    public sealed record ImportRow(int Number, string? Code, string? Name, string? ParentCode, string? UrbanRural);

    public sealed record RowError(int Row, string Column, string Message);

    public sealed record ImportOutcome(int Created, int Unchanged);
}
