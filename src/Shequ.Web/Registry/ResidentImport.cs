using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Registry;

/// <summary>
/// Residents and households from one workbook, shared by the import page and the CLI. Rows with the same
/// 户编号 form one household, whose 户主 row carries the address. Every row is checked first; one error and
/// nothing is written. Households already registered (same region and address) and residents already
/// registered (same ID, through the blind index) are left alone, so importing a file twice changes nothing.
/// </summary>
public sealed class ResidentImport(ShequDbContext db, IPersonalDataSealer sealer, DateOnly today)
{
    public const string HouseholdKey = "户编号";
    public const string Region = "社区/网格代码";
    public const string Building = "楼栋";
    public const string Unit = "单元";
    public const string Room = "房号";
    public const string VillageGroup = "村民小组";
    public const string Dwelling = "住房类型";
    public const string Name = "姓名";
    public const string IdNumberColumn = "身份证号";
    public const string Mobile = "手机";
    public const string Relation = "与户主关系";

    public static readonly string[] Columns = [HouseholdKey, Region, Building, Unit, Room, VillageGroup, Dwelling, Name, IdNumberColumn, Mobile, Relation];

    private static readonly Dictionary<string, RelationToHead> Relations = new(StringComparer.Ordinal)
    {
        ["户主"] = RelationToHead.Head, ["本人"] = RelationToHead.Head, ["配偶"] = RelationToHead.Spouse, ["妻"] = RelationToHead.Spouse, ["夫"] = RelationToHead.Spouse,
        ["子女"] = RelationToHead.Child, ["子"] = RelationToHead.Child, ["女"] = RelationToHead.Child, ["父母"] = RelationToHead.Parent, ["父亲"] = RelationToHead.Parent,
        ["母亲"] = RelationToHead.Parent, ["孙子女"] = RelationToHead.Grandchild, ["祖父母"] = RelationToHead.Grandparent, ["兄弟姐妹"] = RelationToHead.Sibling,
        ["儿媳/女婿"] = RelationToHead.ChildInLaw, ["儿媳"] = RelationToHead.ChildInLaw, ["女婿"] = RelationToHead.ChildInLaw, ["其他"] = RelationToHead.Other,
    };

    public static string RelationText(RelationToHead relation) => Relations.First(kv => kv.Value == relation).Key;

    public static string DwellingText(DwellingType dwelling) => dwelling == DwellingType.Bungalow ? "平房" : "楼房";

    public sealed record Row(int Number, IReadOnlyDictionary<string, string?> Cells)
    {
        public string? this[string column] => Cells.TryGetValue(column, out var v) ? v : null;
    }

    public sealed record RowError(int Row, string Column, string Message);

    public sealed record Outcome(int HouseholdsCreated, int ResidentsCreated, int Unchanged, IReadOnlyList<RowError> Errors)
    {
        public bool Accepted => Errors.Count == 0;
    }

    public static List<Row> Read(Stream stream, int maxRows) => ReadRows(stream, Columns, maxRows);

    /// <summary>
    /// Reads the named columns of every non-empty row, streaming, numbering rows as Excel does (header = 1);
    /// stops with an error when the file holds more than <paramref name="maxRows"/>.
    /// </summary>
    public static List<Row> ReadRows(Stream stream, IReadOnlyList<string> columns, int maxRows)
    {
        var rows = new List<Row>();
        var n = 1;
        foreach (IDictionary<string, object?> cells in stream.Query(useHeaderRow: true))
        {
            n++;
            if (rows.Count >= maxRows)
            {
                throw new InvalidDataException($"行数超过上限 {maxRows}。");
            }

            var values = columns.ToDictionary(c => c, c => Excel.CellText(cells.TryGetValue(c, out var v) ? v : null), StringComparer.Ordinal);
            if (values.Values.Any(v => v is not null))
            {
                rows.Add(new Row(n, values));
            }
        }

        return rows;
    }

    /// <summary>
    /// Checks an upload (item B8) and reads its rows; a refusal comes back as a Chinese reason instead of rows.
    /// </summary>
    public static async Task<(List<Row>? Rows, string? Refusal)> ReadUploadAsync(IFormFile? file, Excel.UploadLimits limits, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (Excel.Inspect(file, limits) is { } refusal)
        {
            return (null, refusal);
        }

        try
        {
            await using var stream = file!.OpenReadStream();
            return (ReadRows(stream, columns, limits.MaxRows), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IndexOutOfRangeException)
        {
            return (null, ex is InvalidDataException ? ex.Message : "无法读取该工作簿，请确认是有效的 .xlsx 文件。");
        }
    }

    /// <summary>Checks every row and, when all pass and <paramref name="dryRun"/> is false, writes the file in one transaction.</summary>
    public async Task<Outcome> RunAsync(IReadOnlyList<Row> rows, bool dryRun, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var errors = new List<RowError>();
        if (rows.Count == 0)
        {
            errors.Add(new RowError(1, HouseholdKey, "文件中没有数据行。"));
            return new Outcome(0, 0, 0, errors);
        }

        var regionCodes = rows.Select(r => r[Region]).Where(c => c is not null).Distinct().ToList();
        var regions = await db.Regions.Where(r => regionCodes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, ct);

        // What is already registered, looked up in bulk by blind index rather than row by row.
        var registered = await RegisteredAsync(rows, ct);
        var existingHouseholds = await ExistingHouseholdsAsync(rows, ct);
        var planned = new List<(Household Household, List<(Row Row, Resident Resident)> Members, bool Existing)>();
        var idsInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var unchanged = 0;
        var done = 0;

        foreach (var group in rows.GroupBy(r => r[HouseholdKey] ?? $"#row{r.Number}"))
        {
            var heads = group.Where(r => r[Relation] is "户主" or "本人").ToList();
            if (heads.Count != 1)
            {
                errors.Add(new RowError(group.First().Number, Relation, $"户编号“{group.Key}”应有且只有一位户主（现有 {heads.Count} 位）。"));
                continue;
            }

            var head = heads[0];
            Household? household = null;
            var existingHousehold = false;
            if (CheckHouseholdRow(head, regions, errors) is { } address)
            {
                var (region, householdAddress, dwelling) = address;
                var addressIndex = sealer.BlindIndex(Household.AddressPurpose, householdAddress.Canonical);
                household = existingHouseholds.GetValueOrDefault((region.Code, addressIndex));
                existingHousehold = household is not null;
                try
                {
                    household ??= Household.Register(region, householdAddress, dwelling, sealer);
                }
                catch (BusinessRuleViolationException ex)
                {
                    errors.Add(new RowError(head.Number, Building, ex.Message));
                }
            }

            var members = new List<(Row, Resident)>();
            foreach (var row in group.OrderBy(r => r == head ? 0 : 1))
            {
                done++;
                if (CheckPersonRow(row, idsInFile, errors) is not { } person || household is null)
                {
                    continue;
                }

                var index = sealer.BlindIndex(Resident.IdPurpose, person.Id.Value);
                if (registered.TryGetValue(index, out var registeredHousehold))
                {
                    if (existingHousehold && registeredHousehold == household.Id)
                    {
                        unchanged++;
                    }
                    else
                    {
                        errors.Add(new RowError(row.Number, IdNumberColumn, "该身份证号已在其他住户登记，请先办理迁出。"));
                    }

                    continue;
                }

                try
                {
                    members.Add((row, Resident.Register(household, row[Name]!, person.Id, person.Mobile, person.Relation, sealer)));
                }
                catch (BusinessRuleViolationException ex)
                {
                    errors.Add(new RowError(row.Number, Name, ex.Message));
                }
            }

            if (household is not null)
            {
                planned.Add((household, members, existingHousehold));
            }

            progress?.Report(done * 100 / rows.Count);
        }

        errors.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));
        var newHouseholds = planned.Count(p => !p.Existing && p.Members.Count > 0);
        var newResidents = planned.Sum(p => p.Members.Count);
        if (errors.Count > 0 || dryRun)
        {
            return new Outcome(newHouseholds, newResidents, unchanged, errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (household, members, existing) in planned)
        {
            if (!existing && members.Count > 0)
            {
                db.Households.Add(household);
            }

            db.Residents.AddRange(members.Select(m => m.Resident));
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Outcome(newHouseholds, newResidents, unchanged, errors);
    }

    private const int LookupChunk = 500;

    /// <summary>Household id of every person in the file already registered anywhere (the blind index is global).</summary>
    private async Task<Dictionary<string, int>> RegisteredAsync(IReadOnlyList<Row> rows, CancellationToken ct)
    {
        var indexes = rows.Select(r => IdNumber.TryParse(r[IdNumberColumn], today, out var id, out _) ? sealer.BlindIndex(Resident.IdPurpose, id.Value) : null)
            .OfType<string>().Distinct().ToList();
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in indexes.Chunk(LookupChunk))
        {
            foreach (var r in await db.Residents.IgnoreQueryFilters().Where(r => chunk.Contains(r.IdIndex)).Select(r => new { r.IdIndex, r.HouseholdId }).ToListAsync(ct))
            {
                found[r.IdIndex] = r.HouseholdId;
            }
        }

        return found;
    }

    /// <summary>Households of the file's head rows already registered, by region and address index.</summary>
    private async Task<Dictionary<(string, string), Household>> ExistingHouseholdsAsync(IReadOnlyList<Row> rows, CancellationToken ct)
    {
        var indexes = rows.Where(r => r[Relation] is "户主" or "本人")
            .Select(r => sealer.BlindIndex(Household.AddressPurpose, new HouseholdAddress(r[Building], r[Unit], r[Room], r[VillageGroup]).Canonical))
            .Distinct().ToList();
        var found = new Dictionary<(string, string), Household>();
        foreach (var chunk in indexes.Chunk(LookupChunk))
        {
            foreach (var h in await db.Households.Where(h => chunk.Contains(h.AddressIndex)).ToListAsync(ct))
            {
                found[(h.RegionCode, h.AddressIndex)] = h;
            }
        }

        return found;
    }

    /// <summary>The error report: one line per problem, row and column named, as a workbook.</summary>
    public static byte[] ErrorReport(IEnumerable<RowError> errors)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(errors.Select(e => new Dictionary<string, object?> { ["行"] = e.Row, ["列"] = e.Column, ["问题"] = Excel.Defuse(e.Message) }).ToList());
        return ms.ToArray();
    }

    public static byte[] Template()
    {
        using var ms = new MemoryStream();
        ms.SaveAs(new List<Dictionary<string, object?>>
        {
            new() { [HouseholdKey] = "1", [Region] = "320591001001001", [Building] = "3", [Unit] = "2", [Room] = "301", [VillageGroup] = null, [Dwelling] = "楼房", [Name] = "王建国", [IdNumberColumn] = "110105198001010016", [Mobile] = "13800000000", [Relation] = "户主" },
            new() { [HouseholdKey] = "1", [Region] = null, [Building] = null, [Unit] = null, [Room] = null, [VillageGroup] = null, [Dwelling] = null, [Name] = "李秀英", [IdNumberColumn] = "110105198001010024", [Mobile] = null, [Relation] = "配偶" },
        });
        return ms.ToArray();
    }

    private static (Shequ.Domain.Organization.Region Region, HouseholdAddress Address, DwellingType Dwelling)? CheckHouseholdRow(Row head, Dictionary<string, Shequ.Domain.Organization.Region> regions, List<RowError> errors)
    {
        var ok = true;
        var code = head[Region];
        if (code is null || !regions.TryGetValue(code, out var region) || region.Level is not (RegionLevel.Community or RegionLevel.Grid))
        {
            errors.Add(new RowError(head.Number, Region, $"找不到社区/网格“{code}”，或它不在您的管辖范围内。"));
            region = null;
            ok = false;
        }

        DwellingType dwelling = DwellingType.Apartment;
        if (head[Dwelling] is { } d)
        {
            if (d is "平房" or "楼房")
            {
                dwelling = d == "平房" ? DwellingType.Bungalow : DwellingType.Apartment;
            }
            else
            {
                errors.Add(new RowError(head.Number, Dwelling, "住房类型应为“平房”或“楼房”。"));
                ok = false;
            }
        }

        var address = new HouseholdAddress(head[Building], head[Unit], head[Room], head[VillageGroup]);
        if (address.IsEmpty)
        {
            errors.Add(new RowError(head.Number, Room, "户主行须填写楼栋和房号，或村民小组。"));
            ok = false;
        }

        return ok ? (region!, address, dwelling) : null;
    }

    private (IdNumber Id, MobileNumber? Mobile, RelationToHead Relation)? CheckPersonRow(Row row, Dictionary<string, int> idsInFile, List<RowError> errors)
    {
        var ok = true;
        if (PersonName.Normalize(row[Name], out var nameProblem) is null)
        {
            errors.Add(new RowError(row.Number, Name, nameProblem!));
            ok = false;
        }

        if (!IdNumber.TryParse(row[IdNumberColumn], today, out var id, out var idProblem))
        {
            errors.Add(new RowError(row.Number, IdNumberColumn, IdNumber.Describe(idProblem)));
            ok = false;
        }
        else if (idsInFile.TryGetValue(id.Value, out var first))
        {
            errors.Add(new RowError(row.Number, IdNumberColumn, $"身份证号与第 {first} 行重复。"));
            ok = false;
        }
        else
        {
            idsInFile[id.Value] = row.Number;
        }

        MobileNumber? mobile = null;
        if (row[Mobile] is { } m)
        {
            if (MobileNumber.TryParse(m, out var parsed))
            {
                mobile = parsed;
            }
            else
            {
                errors.Add(new RowError(row.Number, Mobile, MobileNumber.Problem));
                ok = false;
            }
        }

        if (!Relations.TryGetValue(row[Relation] ?? string.Empty, out var relation))
        {
            errors.Add(new RowError(row.Number, Relation, "与户主关系应为：户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、儿媳/女婿或其他。"));
            ok = false;
        }

        return ok ? (id, mobile, relation) : null;
    }
}
