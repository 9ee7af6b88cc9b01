using System.Security.Cryptography;
using Shequ.Data.Files;

namespace Shequ.Web.Infrastructure;

/// <summary>Checks an uploaded attachment by its first bytes, not its name, and turns it into a stored file.</summary>
public static class Attachments
{
    public const long MaxBytes = 5 * 1024 * 1024;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The import caps, with no row limit: an attachment is kept, not read row by row.</summary>
    private static readonly Excel.UploadLimits PackageLimits = new() { MaxBytes = MaxBytes, MaxRows = int.MaxValue };

    private static readonly (string Type, byte[] Magic, string[] Extensions)[] Allowed =
    [
        ("image/jpeg", [0xFF, 0xD8, 0xFF], [".jpg", ".jpeg"]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47], [".png"]),
        ("application/pdf", "%PDF"u8.ToArray(), [".pdf"]),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04], [".docx"]),
        (Excel.ContentType, [0x50, 0x4B, 0x03, 0x04], [".xlsx"]),
    ];

    /// <summary>The stored file, or null with a Chinese reason why the upload is refused.</summary>
    public static async Task<(StoredFile? File, string? Refusal)> ReadAsync(IFormFile file, string ownerType, string? uploadedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length == 0 || file.Length > MaxBytes)
        {
            return (null, $"附件不能为空，且不超过 {MaxBytes / 1024 / 1024} MB。");
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        var bytes = ms.ToArray();
        var kind = Allowed.FirstOrDefault(a => a.Extensions.Contains(extension) && bytes.AsSpan().StartsWith(a.Magic));
        if (kind.Type is null)
        {
            return (null, "附件只接受 JPG、PNG、PDF、DOCX、XLSX 文件，且内容须与扩展名相符。");
        }

        // An Office file is a ZIP: it gets an import's caps (bomb, macros, DTD) before it is stored and served back.
        if (bytes.AsSpan().StartsWith(ZipMagic) && Excel.InspectPackage(new MemoryStream(bytes, writable: false), PackageLimits, workbook: false) is { } refusal)
        {
            return (null, "附件" + refusal);
        }

        return (new StoredFile
        {
            Id = Guid.NewGuid(),
            OwnerType = ownerType,
            FileName = Path.GetFileName(file.FileName),
            ContentType = kind.Type,
            Length = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes,
            UploadedAtUtc = DateTime.UtcNow,
            UploadedBy = uploadedBy,
        }, null);
    }
}
