using System.IO.Compression;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

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
        ms.SaveAs(safe.ToList());
        return new FileContentResult(ms.ToArray(), ContentType) { FileDownloadName = fileName };
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
        Span<byte> magic = stackalloc byte[4];
        if (stream.Read(magic) != 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4)
        {
            return "文件内容不是有效的 .xlsx 工作簿。";
        }

        stream.Position = 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxEntries)
            {
                return "工作簿结构异常（条目过多），已拒绝。";
            }

            long total = 0;
            foreach (var e in zip.Entries)
            {
                total += e.Length;
                if (e.CompressedLength > 0 && e.Length / e.CompressedLength > limits.MaxCompressionRatio)
                {
                    return "工作簿压缩比异常，疑似压缩炸弹，已拒绝。";
                }

                if (e.FullName.Contains("vbaProject", StringComparison.OrdinalIgnoreCase))
                {
                    return "工作簿包含宏，已拒绝。";
                }

                if (e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && HasDoctype(e))
                {
                    return "工作簿包含不允许的 XML 声明（DTD），已拒绝。";
                }
            }

            if (total > limits.MaxUncompressedBytes)
            {
                return "工作簿解压后过大，已拒绝。";
            }

            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                return "文件内容不是有效的 .xlsx 工作簿。";
            }
        }
        catch (InvalidDataException)
        {
            return "文件已损坏或不完整，无法读取。";
        }

        return null;
    }

    private static bool HasDoctype(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        var buffer = new byte[1024];
        var n = s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, n).Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
    }
}
