using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;

namespace Shequ.Data.Registry;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("Households");
        b.HasKey(h => h.Id);
        b.Property(h => h.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(h => h.RegionCode);
        b.Property(h => h.AddressCipher).HasMaxLength(400).IsRequired();
        b.Property(h => h.AddressIndex).HasMaxLength(32).IsRequired();
        b.HasIndex(h => h.AddressIndex);
        b.Property(h => h.DwellingType).HasConversion<int>();
        b.Property(h => h.Status).HasConversion<int>();
        b.Property(h => h.Version).IsConcurrencyToken();
        b.HasOne<Region>().WithMany().HasForeignKey(h => h.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> b)
    {
        b.ToTable("Residents");
        b.HasKey(r => r.Id);
        b.Property(r => r.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(r => r.RegionCode);
        b.Property(r => r.Name).HasMaxLength(256).IsRequired();
        b.HasIndex(r => r.Name);
        b.Property(r => r.IdCipher).HasMaxLength(200).IsRequired();
        b.Property(r => r.IdIndex).HasMaxLength(32).IsRequired();
        b.HasIndex(r => r.IdIndex).IsUnique();
        b.Property(r => r.PhoneCipher).HasMaxLength(200);
        b.Property(r => r.PhoneIndex).HasMaxLength(32);
        b.HasIndex(r => r.PhoneIndex);
        b.Property(r => r.Sex).HasConversion<int>();
        b.Property(r => r.Relation).HasConversion<int>();
        b.Property(r => r.Status).HasConversion<int>();
        b.Property(r => r.CareLevel).HasConversion<int>();
        b.Property(r => r.CareReason).HasMaxLength(200);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.Household).WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(r => r.Groups, g =>
        {
            g.ToTable("ResidentGroups");
            g.WithOwner().HasForeignKey("ResidentId");
            g.HasKey(m => m.Id);
            g.Property(m => m.Group).HasConversion<int>();
            g.Property(m => m.Evidence).HasMaxLength(200);
            g.Property(m => m.DisabilityCategory).HasConversion<int?>();
            g.Property(m => m.CertificateCipher).HasMaxLength(200);
            g.HasIndex("ResidentId", nameof(GroupMembership.Group));
        });
        b.Navigation(r => r.Groups).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
