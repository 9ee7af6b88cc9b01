using System.IO.Compression;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;
using Shequ.Web.Modules.Access;

namespace Shequ.Web.Infrastructure;

/// <summary>Excel in and out: exports people read, and uploads checked before a byte is parsed (items B8, B10).</summary>
public static class Excel
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes rows (column title → value) to an .xlsx download; text that a spreadsheet would run as a formula is defused.</summary>
    public static FileContentResult Download(IEnumerable<IReadOnlyDictionary<string, object?>> rows, string fileName)
    {
        var safe = rows.Select(r => r.ToDictionary(kv => kv.Key, kv => Defuse(kv.Value)));
        using var ms = new MemoryStream();
        ms.SaveAs(safe.ToList(), configuration: Readable);
        return new FileContentResult(ms.ToArray(), ContentType) { FileDownloadName = fileName };
    }

    /// <summary>Column widths fitted to the text, the header row frozen and filterable.</summary>
    private static readonly MiniExcelLibs.OpenXml.OpenXmlConfiguration Readable = new() { FastMode = true, EnableAutoWidth = true, FreezeRowCount = 1, AutoFilter = true };

    /// <summary>
    /// What a person exports from a list: a sheet named for the list, readable columns, and a second sheet, 说明, saying
    /// what it is, for which area, with which filters, exported when and by whom. The data keep their header in the first
    /// row of the first sheet, so an export can be imported again. The file is named in Chinese (RFC 5987 filename*).
    /// </summary>
    public static async Task<FileContentResult> DownloadAsync(HttpContext http, IEnumerable<IReadOnlyDictionary<string, object?>> rows, string title, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var l = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        var names = await http.RequestServices.GetRequiredService<Modules.Organization.RegionDirectory>().GetAsync(ct);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetLocalNow();
        var user = http.User;
        var area = user.RegionCodeOf() is { } own ? names.NameOf(own) : l["Account.AllRegions"].Value;
        var filters = string.Join("；", Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(http.Request.QueryString.Value)
            .Where(kv => kv.Key is not ("handler" or "p" or "size" or "reveal") && kv.Value.Any(v => !string.IsNullOrEmpty(v)))
            .Select(kv => kv.Key is "q" or "idx"
                // What was searched for may be an ID number or a phone; a masked export must not carry it in full.
                ? $"{kv.Key}=（{l["Export.SearchOmitted"]}）"
                : $"{kv.Key}={string.Join(",", kv.Value.Select(v => names.Find(v)?.Name ?? v))}"));
        var list = rows.Select(r => r.ToDictionary(kv => kv.Key, kv => Defuse(kv.Value))).ToList();
        var about = new List<Dictionary<string, object?>>
        {
            new() { [l["Export.Item"]] = l["Export.What"].Value, [l["Export.Value"]] = title },
            new() { [l["Export.Item"]] = l["Export.Area"].Value, [l["Export.Value"]] = area },
            new() { [l["Export.Item"]] = l["Export.Filters"].Value, [l["Export.Value"]] = Defuse(filters.Length == 0 ? l["Export.NoFilter"].Value : filters) },
            new() { [l["Export.Item"]] = l["Export.Rows"].Value, [l["Export.Value"]] = list.Count },
            new() { [l["Export.Item"]] = l["Export.At"].Value, [l["Export.Value"]] = now.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) },
            new() { [l["Export.Item"]] = l["Export.By"].Value, [l["Export.Value"]] = Defuse(user.FindFirst(ShequClaims.DisplayName)?.Value ?? user.Identity?.Name) },
        };
        // Excel allows 31 characters in a sheet name and none of []:*?/\.
        var sheet = new string(title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).Take(31).ToArray());
        var sheets = new Dictionary<string, object> { [sheet.Length == 0 ? "Sheet1" : sheet] = list, [l["Export.AboutSheet"]] = about };
        using var ms = new MemoryStream();
        ms.SaveAs(sheets, configuration: Readable);
        return new FileContentResult(ms.ToArray(), ContentType) { FileDownloadName = $"{sheet}-{now:yyyyMMdd-HHmm}.xlsx" };
    }

    public static object? Defuse(object? value) =>
        value is string s && s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0' ? "'" + s : value;

    /// <summary>
    /// A cell as text, the way people typed it: numbers without exponent or decimals (12-digit codes and
    /// phones arrive as doubles), dates as yyyy-MM-dd, blanks as null.
    /// </summary>
    public static string? CellText(object? value)
    {
        var text = value switch
        {
            null => null,
            DateTime d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            double d => d.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
            decimal m => m.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>Limits for uploaded workbooks; settings under Shequ:Upload.</summary>
    public sealed class UploadLimits
    {
        public long MaxBytes { get; set; } = 10 * 1024 * 1024;

        public int MaxEntries { get; set; } = 1_000;

        public long MaxUncompressedBytes { get; set; } = 200L * 1024 * 1024;

        public int MaxCompressionRatio { get; set; } = 100;

        public int MaxRows { get; set; } = 200_000;
    }

    /// <summary>Returns a Chinese message explaining why the upload is refused, or null when it may be parsed.</summary>
    public static string? Inspect(IFormFile? file, UploadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (file is null || file.Length == 0)
        {
            return "请选择一个 .xlsx 文件。";
        }

        if (file.Length > limits.MaxBytes)
        {
            return $"文件过大：上限为 {limits.MaxBytes / 1024 / 1024} MB。";
        }

        if (!string.Equals(Path.GetExtension(file.FileName), ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return "只接受 .xlsx 格式（不接受 .xls、含宏的 .xlsm 或其他文件）。";
        }

        using var stream = file.OpenReadStream();
        return InspectPackage(stream, limits, workbook: true);
    }

    /// <summary>
    /// The caps every Office package gets, an import or an attachment (items B8, issue 15): a ZIP that opens, few
    /// entries, no bomb (ratio and total), no macros, and XML parts that hold no DTD — each part read whole by an XML
    /// reader that prohibits DTDs, so a leading comment or UTF-16 does not hide one. A workbook's sheets may not hold
    /// more rows than the limit: the declared dimension or, failing that, the rows counted as they stream past.
    /// </summary>
    public static string? InspectPackage(Stream stream, UploadLimits limits, bool workbook)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        var noun = workbook ? "工作簿" : "文档";
        Span<byte> magic = stackalloc byte[4];
        if (stream.Read(magic) != 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4)
        {
            return workbook ? "文件内容不是有效的 .xlsx 工作簿。" : "文件内容不是有效的 Office 文档。";
        }

        stream.Position = 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxEntries)
            {
                return $"{noun}结构异常（条目过多），已拒绝。";
            }

            long total = 0;
            foreach (var e in zip.Entries)
            {
                total += e.Length;
                if (e.CompressedLength > 0 && e.Length / e.CompressedLength > limits.MaxCompressionRatio)
                {
                    return $"{noun}压缩比异常，疑似压缩炸弹，已拒绝。";
                }

                if (e.FullName.Contains("vbaProject", StringComparison.OrdinalIgnoreCase))
                {
                    return $"{noun}包含宏，已拒绝。";
                }
            }

            if (total > limits.MaxUncompressedBytes)
            {
                return $"{noun}解压后过大，已拒绝。";
            }

            if (workbook && zip.GetEntry("xl/workbook.xml") is null)
            {
                return "文件内容不是有效的 .xlsx 工作簿。";
            }

            // Sheets first: a sheet over the row limit is refused before anything else is read.
            var parts = zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
                .OrderBy(e => IsSheet(e) ? 0 : 1);
            foreach (var part in parts)
            {
                if (ReadPart(part, noun, workbook && IsSheet(part) ? limits.MaxRows : null) is { } refusal)
                {
                    return refusal;
                }
            }
        }
        catch (InvalidDataException)
        {
            return "文件已损坏或不完整，无法读取。";
        }

        return null;
    }

    private static bool IsSheet(ZipArchiveEntry e) => e.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads one XML part to its end, streaming; a refusal when it holds a DTD, is not XML or has too many rows.</summary>
    private static string? ReadPart(ZipArchiveEntry part, string noun, int? maxRows)
    {
        var settings = new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true };
        using var s = part.Open();
        using var reader = System.Xml.XmlReader.Create(s, settings);
        var rows = 0;
        var tooMany = $"行数超过上限 {maxRows}，请拆分成多个文件后分别导入。";
        try
        {
            while (reader.Read())
            {
                if (maxRows is not { } max || reader.NodeType != System.Xml.XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "dimension" && LastRowOf(reader.GetAttribute("ref")) is { } last && last - 1 > max)
                {
                    return tooMany;
                }

                if (reader.LocalName == "row" && ++rows - 1 > max)
                {
                    return tooMany;
                }
            }
        }
        catch (System.Xml.XmlException ex)
        {
            return ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? $"{noun}包含不允许的 XML 声明（DTD），已拒绝。"
                : "文件已损坏或不完整，无法读取。";
        }

        return null;
    }

    /// <summary>"A1:H1048576" → 1048576; null when the reference names no last row.</summary>
    private static int? LastRowOf(string? reference)
    {
        var last = reference?.Split(':')[^1];
        var digits = last is null ? string.Empty : new string([.. last.SkipWhile(char.IsAsciiLetter)]);
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row) ? row : null;
    }
}
