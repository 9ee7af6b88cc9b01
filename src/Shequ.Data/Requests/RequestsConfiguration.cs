using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shequ.Domain.Organization;
using Shequ.Domain.Requests;
using Shequ.Domain.Workforce;

namespace Shequ.Data.Requests;

internal sealed class RequestCategoryConfiguration : IEntityTypeConfiguration<RequestCategory>
{
    public void Configure(EntityTypeBuilder<RequestCategory> b)
    {
        b.ToTable("RequestCategories");
        b.HasKey(c => c.Id);
        b.Property(c => c.Code).HasMaxLength(20).IsRequired();
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Name).HasMaxLength(40).IsRequired();
        b.Property(c => c.Group).HasConversion<int>();
        b.HasOne<RequestCategory>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);

        // Every installation starts with the standard tree; the time limits are then local settings.
        b.HasData(Standard.Select(c => new
        {
            c.Id,
            c.ParentId,
            c.Code,
            c.Name,
            c.Group,
            TimeLimitHours = (int?)c.Hours,
            IsActive = true,
        }));
    }

    /// <summary>
    /// Grid-management event and component categories (domain-standards.md) and the community services
    /// residents ask for most. Ids are fixed so later migrations can add to the tree.
    /// </summary>
    internal static readonly (int Id, int? ParentId, string Code, string Name, CategoryGroup Group, int Hours)[] Standard =
    [
        (1, null, "E", "事件类", CategoryGroup.GridEvent, 72),
        (2, 1, "E01", "市容环境", CategoryGroup.GridEvent, 48),
        (3, 1, "E02", "宣传广告", CategoryGroup.GridEvent, 72),
        (4, 1, "E03", "施工管理", CategoryGroup.GridEvent, 48),
        (5, 1, "E04", "突发事件", CategoryGroup.GridEvent, 4),
        (6, 1, "E05", "街面秩序", CategoryGroup.GridEvent, 24),
        (10, null, "C", "部件类", CategoryGroup.GridComponent, 120),
        (11, 10, "C01", "公用设施", CategoryGroup.GridComponent, 72),
        (12, 10, "C02", "道路交通", CategoryGroup.GridComponent, 72),
        (13, 10, "C03", "市容环境设施", CategoryGroup.GridComponent, 72),
        (14, 10, "C04", "园林绿化", CategoryGroup.GridComponent, 120),
        (15, 10, "C05", "房屋土地", CategoryGroup.GridComponent, 168),
        (20, null, "S", "社区服务", CategoryGroup.CommunityService, 72),
        (21, 20, "S01", "维修", CategoryGroup.CommunityService, 72),
        (22, 21, "S0101", "水电维修", CategoryGroup.CommunityService, 24),
        (23, 21, "S0102", "门窗维修", CategoryGroup.CommunityService, 72),
        (24, 21, "S0103", "下水管道疏通", CategoryGroup.CommunityService, 24),
        (25, 20, "S02", "帮扶救助", CategoryGroup.CommunityService, 72),
        (26, 20, "S03", "证明开具", CategoryGroup.CommunityService, 24),
        (27, 20, "S04", "政策咨询", CategoryGroup.CommunityService, 24),
        (28, 20, "S09", "其他", CategoryGroup.CommunityService, 72),
    ];
}

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.ToTable("ServiceRequests");
        b.HasKey(r => r.Id);
        b.Property(r => r.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.Property(r => r.Channel).HasConversion<int>();
        b.Property(r => r.Stage).HasConversion<int>();
        b.Property(r => r.Title).HasMaxLength(60).IsRequired();
        b.Property(r => r.Description).HasMaxLength(2000).IsRequired();
        b.Property(r => r.Location).HasMaxLength(200);
        b.Property(r => r.RequesterName).HasMaxLength(50);
        b.Property(r => r.RequesterPhoneCipher).HasMaxLength(200);
        b.Property(r => r.FollowTokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(r => r.FollowTokenHash).IsUnique();
        b.HasIndex(r => new { r.RegionCode, r.Stage });
        b.HasIndex(r => new { r.Stage, r.DueAtUtc });
        b.HasIndex(r => r.HandlerWorkerId);
        b.HasIndex(r => new { r.HandlerUnitId, r.Stage });
        b.Property(r => r.HandlerAccount).HasMaxLength(256);
        b.Property(r => r.ResultText).HasMaxLength(500);
        b.Property(r => r.Rating).HasConversion<int?>();
        b.Property(r => r.AnsweredBy).HasConversion<int?>();
        b.HasOne<HandlingUnit>().WithMany().HasForeignKey(r => r.HandlerUnitId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => r.CategoryId);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.AwaitsRequesterAnswer);
        b.HasOne<RequestCategory>().WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Worker>().WithMany().HasForeignKey(r => r.HandlerWorkerId).OnDelete(DeleteBehavior.SetNull);
        b.OwnsMany(r => r.Transitions, t =>
        {
            t.ToTable("ServiceRequestTransitions");
            t.WithOwner().HasForeignKey("ServiceRequestId");
            t.HasKey(x => x.Id);
            t.Property(x => x.From).HasConversion<int?>();
            t.Property(x => x.To).HasConversion<int>();
            t.Property(x => x.Actor).HasMaxLength(256).IsRequired();
            t.Property(x => x.Note).HasMaxLength(500);
        });
        b.Navigation(r => r.Transitions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>
/// The stored answer to a POST that carried an Idempotency-Key: a retry with the same key and body gets the
/// same answer and writes nothing; the same key with a different body is refused.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>Who may replay it: the account, or "public" plus the endpoint for anonymous intake.</summary>
    public required string Scope { get; set; }

    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public string? Location { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("IdempotencyRecords");
        b.HasKey(r => r.Id);
        b.Property(r => r.Scope).HasMaxLength(300);
        b.Property(r => r.Key).HasMaxLength(100);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.Location).HasMaxLength(300);
        b.HasIndex(r => new { r.Scope, r.Key }).IsUnique();
        b.HasIndex(r => r.CreatedAtUtc);
    }
}
