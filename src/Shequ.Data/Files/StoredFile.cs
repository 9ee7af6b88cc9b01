using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Shequ.Data.Files;

/// <summary>
/// An attachment kept in the database, so it is written in the same transaction as its owner and backed up
/// with it. Access goes through the owner: whoever cannot see the owner cannot fetch the file.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    public required string OwnerType { get; set; }

    public int OwnerId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Length { get; set; }

    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    public string? UploadedBy { get; set; }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("StoredFiles");
        b.HasKey(f => f.Id);
        b.Property(f => f.OwnerType).HasMaxLength(40);
        b.Property(f => f.FileName).HasMaxLength(200);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.Property(f => f.UploadedBy).HasMaxLength(256);
        b.HasIndex(f => new { f.OwnerType, f.OwnerId });
    }
}
