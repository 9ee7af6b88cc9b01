using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shequ.Domain.Organization;

namespace Shequ.Data.Organization;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("Regions");
        b.HasKey(r => r.Id);
        b.Property(r => r.Code).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Name).HasMaxLength(RegionNameMustBeGivenRule.MaxLength).IsRequired();
        b.HasIndex(r => r.Name);
        b.Property(r => r.Level).HasConversion<int>();
        b.Property(r => r.UrbanRural).HasConversion<int?>();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.Parent).WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(r => r.SubtreePrefix);
    }
}

internal sealed class HandlingUnitConfiguration : IEntityTypeConfiguration<HandlingUnit>
{
    public void Configure(EntityTypeBuilder<HandlingUnit> b)
    {
        b.ToTable("HandlingUnits");
        b.HasKey(u => u.Id);
        b.Property(u => u.Name).HasMaxLength(HandlingUnit.MaxName).IsRequired();
        b.Property(u => u.Kind).HasConversion<int>();
        b.Property(u => u.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.Property(u => u.AreaPrefix).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.Property(u => u.ContactPerson).HasMaxLength(30);
        b.Property(u => u.ContactPhone).HasMaxLength(30);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasIndex(u => u.AreaPrefix);

        // One unit of a name per area, so a pick by name is never ambiguous.
        b.HasIndex(u => new { u.RegionCode, u.Name }).IsUnique();
    }
}

internal sealed class ServiceSiteConfiguration : IEntityTypeConfiguration<ServiceSite>
{
    public void Configure(EntityTypeBuilder<ServiceSite> b)
    {
        b.ToTable("ServiceSites");
        b.HasKey(s => s.Id);
        b.Property(s => s.Kind).HasConversion<int>();
        b.Property(s => s.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(s => s.Name);
        b.Property(s => s.Address).HasMaxLength(200);
        b.Property(s => s.OpeningHours).HasMaxLength(100);
        b.Property(s => s.ContactPerson).HasMaxLength(50);
        b.Property(s => s.ContactPhone).HasMaxLength(30);
        b.Property(s => s.HallStatus).HasConversion<int?>();
        b.Property(s => s.PointType).HasConversion<int?>();
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne(s => s.Region).WithMany().HasForeignKey(s => s.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.ServedCommunities).WithMany().UsingEntity(
            "WorkStationCommunities",
            l => l.HasOne(typeof(Region)).WithMany().HasForeignKey("CommunityId").OnDelete(DeleteBehavior.Restrict),
            r => r.HasOne(typeof(ServiceSite)).WithMany().HasForeignKey("SiteId").OnDelete(DeleteBehavior.Cascade));
        b.Navigation(s => s.ServedCommunities).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
