using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Web.Infrastructure;

namespace Shequ.Web.Modules.Registry;

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

    private IPersonalDataSealer Sealer => sealer;

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

    /// <summary>The rows of a resident workbook, read as they are asked for (the CLI and benchmarks import large files this way).</summary>
    public static WorkbookRows Read(Stream stream, int maxRows) => new(stream, Columns, maxRows);

    public static List<Row> ReadRows(Stream stream, IReadOnlyList<string> columns, int maxRows) => [.. new WorkbookRows(stream, columns, maxRows)];

    /// <summary>
    /// The named columns of every non-empty row, streamed, numbered as Excel does (header = 1); reading more than
    /// <paramref name="maxRows"/> rows stops with an error.
    /// </summary>
    public sealed class WorkbookRows(Stream stream, IReadOnlyList<string> columns, int maxRows) : IEnumerable<Row>
    {
        /// <summary>How far through the file the reader is: the sheet is most of an .xlsx and is read front to back.</summary>
        public int PercentRead => stream.CanSeek && stream.Length > 0 ? (int)(stream.Position * 100 / stream.Length) : 0;

        public IEnumerator<Row> GetEnumerator()
        {
            var count = 0;
            var n = 1;
            foreach (IDictionary<string, object?> cells in stream.Query(useHeaderRow: true))
            {
                n++;
                if (count >= maxRows)
                {
                    throw new InvalidDataException($"行数超过上限 {maxRows}。");
                }

                var values = columns.ToDictionary(c => c, c => Excel.CellText(cells.TryGetValue(c, out var v) ? v : null), StringComparer.Ordinal);
                if (values.Values.Any(v => v is not null))
                {
                    count++;
                    yield return new Row(n, values);
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
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
            if (MissingColumns(stream, columns) is { } missing)
            {
                return (null, missing);
            }

            stream.Position = 0;
            var rows = ReadRows(stream, columns, limits.MaxRows);
            return rows.Count == 0 ? (null, "表头下方没有任何数据行，没有可导入的内容。") : (rows, null);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IndexOutOfRangeException)
        {
            return (null, ex is InvalidDataException ? ex.Message : "无法读取该工作簿，请确认是有效的 .xlsx 文件。");
        }
    }

    /// <summary>
    /// Names the template's columns the header row lacks (issue 15: a sheet with other columns answered "0 imported"),
    /// with any it has that the template does not; null when every column is there.
    /// </summary>
    public static string? MissingColumns(Stream stream, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var header = MiniExcelLibs.MiniExcel.GetColumns(stream, useHeaderRow: true)?.Select(c => c?.Trim() ?? string.Empty).ToHashSet(StringComparer.Ordinal) ?? [];
        var missing = columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var unknown = header.Where(h => h.Length > 0 && !columns.Contains(h)).Take(10).ToList();
        return $"表头缺少这些列：{string.Join("、", missing)}。" + (unknown.Count > 0 ? $"表中有模板没有的列：{string.Join("、", unknown)}。" : string.Empty) + "请下载导入模板，按模板的表头填写。";
    }

    /// <summary>Rows handed from one stage to the next at a time; also the unit of the bulk lookups.</summary>
    public const int BatchSize = 1_000;

    /// <summary>Problems listed in the outcome; past this a file is clearly the wrong one and the rest are only counted.</summary>
    public const int MaxListedErrors = 10_000;

    /// <summary>
    /// Checks every row and, unless <paramref name="dryRun"/>, writes them as it goes in one transaction that commits
    /// only when the whole file passed: one error and nothing is written. Reading, deciding and writing overlap
    /// (performance target P3, ADR-009), and only what later rows need is kept: the ID numbers seen and each
    /// household's state, not the rows.
    /// </summary>
    public async Task<Outcome> RunAsync(IEnumerable<Row> rows, bool dryRun, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        // Three stages on their own threads, joined by short queues: reading the workbook; checking, sealing and
        // deciding (with its own connection for lookups); and writing, on this context's connection and transaction.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = Channel.CreateBounded<(Row[] Rows, int Percent)>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var decided = Channel.CreateBounded<(List<object> Inserts, int Percent)>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        await using var lookups = db.ForSameActor();
        var run = new ImportRun(this, lookups, dryRun);
        var reading = Task.Run(() => ReadInBatches(rows, batches.Writer, stop.Token), stop.Token);
        var deciding = Task.Run(() => DecideAsync(run, batches.Reader, decided.Writer, stop.Token), stop.Token);
        try
        {
            await using var tx = dryRun ? null : await db.Database.BeginTransactionAsync(stop.Token);
            using var writer = dryRun ? null : await Writer.OpenAsync(db, stop.Token);
            try
            {
                await foreach (var (inserts, percent) in decided.Reader.ReadAllAsync(stop.Token))
                {
                    foreach (var entity in inserts)
                    {
                        await writer!.InsertAsync(entity, stop.Token);
                    }

                    progress?.Report(percent);
                }

                await (writer?.FlushAsync(stop.Token) ?? Task.CompletedTask);
                var outcome = run.Finish();
                if (tx is not null && outcome.Accepted)
                {
                    await tx.CommitAsync(stop.Token);
                }

                return outcome;
            }
            finally
            {
                await (writer?.CloseAsync() ?? Task.CompletedTask);
            }
        }
        finally
        {
            // Whatever ended this, the other stages stop before their connection and rows go away.
            await stop.CancelAsync();
            await Task.WhenAll(reading, deciding).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task DecideAsync(ImportRun run, ChannelReader<(Row[] Rows, int Percent)> batches, ChannelWriter<(List<object>, int)> decided, CancellationToken ct)
    {
        try
        {
            await foreach (var (rows, percent) in batches.ReadAllAsync(ct))
            {
                await decided.WriteAsync((await run.AddAsync(rows, ct), percent), ct);
            }

            decided.Complete();
        }
        catch (Exception ex)
        {
            decided.Complete(ex);
        }
    }

    private static async Task ReadInBatches(IEnumerable<Row> rows, ChannelWriter<(Row[], int)> batches, CancellationToken ct)
    {
        try
        {
            var total = rows is IReadOnlyCollection<Row> known ? known.Count : (int?)null;
            var read = 0;
            foreach (var chunk in rows.Chunk(BatchSize))
            {
                read += chunk.Length;
                var percent = total is { } n ? read * 100 / n : rows is WorkbookRows w ? w.PercentRead : 0;

                // Waiting for the deciding stage frees the thread rather than spinning on one of two cores.
                await batches.WriteAsync((chunk, Math.Min(percent, 99)), ct);
            }

            batches.Complete();
        }
        catch (Exception ex)
        {
            batches.Complete(ex);
        }
    }

    /// <summary>What one import has seen so far, and what it has decided.</summary>
    private sealed class ImportRun(ResidentImport import, ShequDbContext lookups, bool dryRun)
    {
        private List<object> _inserts = [];
        private readonly Dictionary<string, PlannedHousehold> _households = new(StringComparer.Ordinal);
        private readonly Dictionary<long, int> _idsInFile = [];
        private readonly List<RowError> _errors = [];
        private readonly Dictionary<string, Shequ.Domain.Organization.Region?> _regions = new(StringComparer.Ordinal);
        private int _rows;
        private int _unlisted;
        private int _householdsCreated;
        private int _residentsCreated;
        private int _unchanged;

        private bool Writing => !dryRun && _errors.Count == 0 && _unlisted == 0;

        /// <summary>Decides a batch of rows; returns the households and residents to write, in order, while the file is still clean.</summary>
        public async Task<List<object>> AddAsync(Row[] rows, CancellationToken ct)
        {
            _rows += rows.Length;
            // The cell names a community or grid by code or by name; a name two regions in scope share stays null (refused).
            var missingRegions = rows.Select(r => r[Region]).OfType<string>().Where(c => !_regions.ContainsKey(c)).Distinct().ToList();
            if (missingRegions.Count > 0)
            {
                var found = await lookups.Regions
                    .Where(r => (missingRegions.Contains(r.Code) || missingRegions.Contains(r.Name)) && (r.Level == RegionLevel.Community || r.Level == RegionLevel.Grid))
                    .ToListAsync(ct);
                foreach (var text in missingRegions)
                {
                    var named = found.Where(r => r.Name == text).ToList();
                    if (found.FirstOrDefault(r => r.Code == text) is { } byCode)
                    {
                        _regions[text] = byCode;
                    }
                    else if (named.Count > 0)
                    {
                        _regions[text] = named.Count == 1 ? named[0] : null;
                    }
                }
            }

            // Each row's own checks first, then what the batch needs from the database, looked up in bulk.
            var people = rows.Select(CheckPersonRow).ToArray();
            var registered = await RegisteredAsync(lookups, people.OfType<Person>().Select(p => p.Index), ct);
            var heads = rows.Where(IsHead).Select(r => import.Sealer.BlindIndex(Household.AddressPurpose, AddressOf(r).Canonical));
            var existing = await ExistingHouseholdsAsync(lookups, heads, ct);

            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                var key = row[HouseholdKey] ?? $"#row{row.Number}";
                if (!_households.TryGetValue(key, out var household))
                {
                    household = new PlannedHousehold(row.Number);
                    _households[key] = household;
                }

                var person = people[i] is { } p ? p with { RegisteredIn = registered.TryGetValue(p.Index, out var h) ? h : null } : null;
                if (IsHead(row) && ++household.Heads == 1)
                {
                    Settle(household, row, existing);
                    foreach (var (waitingRow, waitingPerson) in household.Waiting ?? [])
                    {
                        AddMember(household, waitingRow, waitingPerson);
                    }

                    household.Waiting = null;
                }

                if (person is null)
                {
                    continue;
                }

                if (household.Heads == 0)
                {
                    (household.Waiting ??= []).Add((row, person));
                }
                else
                {
                    AddMember(household, row, person);
                }
            }

            var inserts = _inserts;
            _inserts = [];
            return Writing ? inserts : [];
        }

        public Outcome Finish()
        {
            if (_rows == 0)
            {
                AddError(new RowError(1, HouseholdKey, "文件中没有数据行。"));
            }

            foreach (var (key, household) in _households.Where(h => h.Value.Heads != 1))
            {
                AddError(new RowError(household.FirstRow, Relation, $"户编号“{key}”应有且只有一位户主（现有 {household.Heads} 位）。"));
            }

            _errors.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : string.CompareOrdinal(a.Column, b.Column));
            if (_unlisted > 0)
            {
                _errors.Add(new RowError(_errors[^1].Row, HouseholdKey, $"另有 {_unlisted} 处问题未列出，请先改正以上问题。"));
            }

            return new Outcome(_householdsCreated, _residentsCreated, _unchanged, _errors);
        }

        private void Settle(PlannedHousehold planned, Row head, Dictionary<(string, string), Household> existing)
        {
            if (CheckHouseholdRow(head, _regions, _errors) is not var (region, address, dwelling))
            {
                return;
            }

            var index = import.Sealer.BlindIndex(Household.AddressPurpose, address.Canonical);
            planned.Household = existing.GetValueOrDefault((region.Code, index));
            planned.Existing = planned.Household is not null;
            try
            {
                planned.Household ??= Household.Register(region, address, dwelling, import.Sealer);
            }
            catch (BusinessRuleViolationException ex)
            {
                AddError(new RowError(head.Number, Building, ex.Message));
            }
        }

        private void AddMember(PlannedHousehold planned, Row row, Person person)
        {
            if (planned.Household is not { } household)
            {
                return;
            }

            if (person.RegisteredIn is { } registeredHousehold)
            {
                if (planned.Existing && registeredHousehold == household.Id)
                {
                    _unchanged++;
                }
                else
                {
                    AddError(new RowError(row.Number, IdNumberColumn, "该身份证号已在其他住户登记，请先办理迁出。"));
                }

                return;
            }

            Resident resident;
            try
            {
                resident = Resident.Register(household, row[Name]!, person.Id, person.Mobile, person.Relation, import.Sealer);
            }
            catch (BusinessRuleViolationException ex)
            {
                AddError(new RowError(row.Number, Name, ex.Message));
                return;
            }

            if (!planned.Existing && !planned.HasMembers)
            {
                _householdsCreated++;
                _inserts.Add(household);
            }

            planned.HasMembers = true;
            _residentsCreated++;
            _inserts.Add(resident);
        }

        private Person? CheckPersonRow(Row row)
        {
            var errors = new List<RowError>();
            var person = import.CheckPersonRow(row, _idsInFile, errors);
            errors.ForEach(AddError);
            return person is var (id, mobile, relation)
                ? new Person(id, mobile, relation, import.Sealer.BlindIndex(Resident.IdPurpose, id.Value), null)
                : null;
        }

        private void AddError(RowError error)
        {
            if (_errors.Count < MaxListedErrors)
            {
                _errors.Add(error);
            }
            else
            {
                _unlisted++;
            }
        }
    }

    private sealed record Person(IdNumber Id, MobileNumber? Mobile, RelationToHead Relation, string Index, int? RegisteredIn);

    private sealed class PlannedHousehold(int firstRow)
    {
        public int FirstRow { get; } = firstRow;

        public int Heads { get; set; }

        public Household? Household { get; set; }

        public bool Existing { get; set; }

        public bool HasMembers { get; set; }

        public List<(Row Row, Person Person)>? Waiting { get; set; }
    }

    /// <summary>New households and residents, each with the audit line a tracked save would have written.</summary>
    private sealed class Writer : IDisposable
    {
        /// <summary>SQLite's page cache for the import's connection (64 MB instead of 2): random index keys touch pages all over.</summary>
        private const string LargeCache = "PRAGMA cache_size=-65536", DefaultCache = "PRAGMA cache_size=-2000";

        private readonly ShequDbContext _db;
        private readonly BulkInserter<Household> _households;
        private readonly BulkInserter<Resident> _residents;
        private readonly BulkInserter<AuditEntry> _audit;

        private Writer(ShequDbContext db)
        {
            _db = db;
            _households = new(db);
            _residents = new(db);
            _audit = new(db);
        }

        public static async Task<Writer> OpenAsync(ShequDbContext db, CancellationToken ct)
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync(LargeCache, ct);
            }

            return new Writer(db);
        }

        public async Task InsertAsync(object entity, CancellationToken ct)
        {
            if (entity is Household household)
            {
                await _households.InsertAsync(household, ct);
            }
            else
            {
                await _residents.InsertAsync((Resident)entity, ct);
            }

            await _audit.AddAsync(_db.CreatedAuditLine(entity), ct);
        }

        public Task FlushAsync(CancellationToken ct) => _audit.FlushAsync(ct);

        /// <summary>The connection goes back to the pool, so it goes back with the usual cache.</summary>
        public async Task CloseAsync()
        {
            try
            {
                if (_db.Database.IsSqlite())
                {
                    await _db.Database.ExecuteSqlRawAsync(DefaultCache);
                }
            }
            catch (System.Data.Common.DbException)
            {
                // A connection that failed mid-import is not worth a second error over the first.
            }
        }

        public void Dispose()
        {
            _households.Dispose();
            _residents.Dispose();
            _audit.Dispose();
        }
    }

    private static bool IsHead(Row row) => row[Relation] is "户主" or "本人";

    private static HouseholdAddress AddressOf(Row row) => new(row[Building], row[Unit], row[Room], row[VillageGroup]);

    private const int LookupChunk = 500;

    /// <summary>Household id of each of these people already registered anywhere (the blind index is global).</summary>
    private static async Task<Dictionary<string, int>> RegisteredAsync(ShequDbContext db, IEnumerable<string> idIndexes, CancellationToken ct)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in idIndexes.Distinct().Chunk(LookupChunk))
        {
            foreach (var r in await db.Residents.IgnoreQueryFilters().Where(r => chunk.Contains(r.IdIndex)).Select(r => new { r.IdIndex, r.HouseholdId }).ToListAsync(ct))
            {
                found[r.IdIndex] = r.HouseholdId;
            }
        }

        return found;
    }

    /// <summary>Households already registered at these addresses, by region and address index.</summary>
    private static async Task<Dictionary<(string, string), Household>> ExistingHouseholdsAsync(ShequDbContext db, IEnumerable<string> addressIndexes, CancellationToken ct)
    {
        var found = new Dictionary<(string, string), Household>();
        foreach (var chunk in addressIndexes.Distinct().Chunk(LookupChunk))
        {
            foreach (var h in await db.Households.AsNoTracking().Where(h => chunk.Contains(h.AddressIndex)).ToListAsync(ct))
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

    private static (Shequ.Domain.Organization.Region Region, HouseholdAddress Address, DwellingType Dwelling)? CheckHouseholdRow(Row head, Dictionary<string, Shequ.Domain.Organization.Region?> regions, List<RowError> errors)
    {
        var ok = true;
        var code = head[Region];
        Shequ.Domain.Organization.Region? region = null;
        var known = code is not null && regions.TryGetValue(code, out region);
        if (known && region is null)
        {
            errors.Add(new RowError(head.Number, Region, $"“{code}”是您管辖范围内不止一个社区/网格的名称，请改填它的代码。"));
            ok = false;
        }
        else if (!known || region!.Level is not (RegionLevel.Community or RegionLevel.Grid))
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

    /// <summary>The first 17 digits decide the check digit, so they name the number as a long: a quarter of the memory of the text.</summary>
    private static long SeventeenDigits(IdNumber id) => long.Parse(id.Value.AsSpan(0, 17), NumberStyles.None, CultureInfo.InvariantCulture);

    private (IdNumber Id, MobileNumber? Mobile, RelationToHead Relation)? CheckPersonRow(Row row, Dictionary<long, int> idsInFile, List<RowError> errors)
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
        else if (!idsInFile.TryAdd(SeventeenDigits(id), row.Number))
        {
            errors.Add(new RowError(row.Number, IdNumberColumn, $"身份证号与第 {idsInFile[SeventeenDigits(id)]} 行重复。"));
            ok = false;
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
