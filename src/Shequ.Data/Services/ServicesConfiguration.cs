using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Domain.Services;
using Shequ.Domain.Workforce;

namespace Shequ.Data.Services;

internal sealed class ServiceItemConfiguration : IEntityTypeConfiguration<ServiceItem>
{
    public void Configure(EntityTypeBuilder<ServiceItem> b)
    {
        b.ToTable("ServiceItems");
        b.HasKey(i => i.Id);
        b.Property(i => i.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.Property(i => i.Code).HasMaxLength(20).IsRequired();
        b.Property(i => i.Name).HasMaxLength(60).IsRequired();
        b.HasIndex(i => new { i.RegionCode, i.Code }).IsUnique();
        b.Property(i => i.Function).HasConversion<int>();
        b.Property(i => i.Kind).HasConversion<int>();
        b.Property(i => i.List).HasConversion<int>();
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Ignore(i => i.Current);
        b.Ignore(i => i.PendingDraft);
        b.OwnsMany(i => i.Versions, v =>
        {
            v.ToTable("ServiceItemVersions");
            v.WithOwner().HasForeignKey("ServiceItemId");
            v.HasKey(x => x.Id);
            v.HasIndex("ServiceItemId", nameof(ServiceItemVersion.Number)).IsUnique();
            v.Property(x => x.Standard).HasMaxLength(4000).IsRequired();
            v.Ignore(x => x.IsPublished);
            v.OwnsMany(x => x.Steps, s =>
            {
                s.ToTable("ServiceSteps");
                s.WithOwner().HasForeignKey("ServiceItemVersionId");
                s.HasKey(x => x.Id);
                s.Property(x => x.Name).HasMaxLength(60).IsRequired();
                s.Property(x => x.Materials).HasMaxLength(500);
            });
            v.Navigation(x => x.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        b.Navigation(i => i.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ServiceAgreementConfiguration : IEntityTypeConfiguration<ServiceAgreement>
{
    public void Configure(EntityTypeBuilder<ServiceAgreement> b)
    {
        b.ToTable("ServiceAgreements");
        b.HasKey(a => a.Id);
        b.Property(a => a.CommunityCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(a => new { a.CommunityCode, a.Year });
        b.Property(a => a.Funding).HasPrecision(14, 2);
        b.Property(a => a.Responsibilities).HasMaxLength(4000).IsRequired();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.OwnsMany(a => a.Items, i =>
        {
            i.ToTable("ServiceAgreementItems");
            i.WithOwner().HasForeignKey("ServiceAgreementId");
            i.HasKey(x => x.Id);
            i.Property(x => x.Target).HasMaxLength(200);
            i.HasOne<ServiceItem>().WithMany().HasForeignKey(x => x.ServiceItemId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(a => a.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ServiceRecordConfiguration : IEntityTypeConfiguration<ServiceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceRecord> b)
    {
        b.ToTable("ServiceRecords");
        b.HasKey(r => r.Id);
        b.Property(r => r.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.Property(r => r.Mode).HasConversion<int>();
        b.Property(r => r.Provider).HasConversion<int>();
        b.Property(r => r.Outcome).HasConversion<int>();
        b.Property(r => r.Note).HasMaxLength(500);
        b.Property(r => r.RecordedBy).HasMaxLength(256);

        // Lists by worker and period, visit due dates by household, sampling by item and grid.
        b.HasIndex(r => new { r.WorkerId, r.OccurredAt });
        b.HasIndex(r => new { r.HouseholdId, r.OccurredAt });
        b.HasIndex(r => new { r.RegionCode, r.OccurredAt });
        b.HasIndex(r => r.ServiceItemId);
        b.HasOne<ServiceItem>().WithMany().HasForeignKey(r => r.ServiceItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Worker>().WithMany().HasForeignKey(r => r.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Resident>().WithMany().HasForeignKey(r => r.ResidentId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<WorkLogEntry>().WithMany().HasForeignKey(r => r.WorkLogEntryId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> b)
    {
        b.ToTable("WorkTasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(t => t.RegionCode);
        b.Property(t => t.Kind).HasConversion<int>();
        b.Property(t => t.Frequency).HasConversion<int?>();
        b.Property(t => t.Title).HasMaxLength(60).IsRequired();
        b.Property(t => t.Description).HasMaxLength(2000).IsRequired();
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.Recurrence);
        b.OwnsMany(t => t.Assignees, a =>
        {
            a.ToTable("WorkTaskAssignees");
            a.WithOwner().HasForeignKey("WorkTaskId");
            a.HasKey(x => x.Id);
            a.Property(x => x.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
            a.HasIndex(x => x.RegionCode);
            a.HasIndex(x => x.WorkerId);
            a.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Cascade);
        });
        b.OwnsMany(t => t.Completions, c =>
        {
            c.ToTable("WorkTaskCompletions");
            c.WithOwner().HasForeignKey("WorkTaskId");
            c.HasKey(x => x.Id);
            c.HasIndex("WorkTaskId", nameof(TaskCompletion.AssigneeId), nameof(TaskCompletion.DueOn)).IsUnique();
            c.Property(x => x.Report).HasMaxLength(2000).IsRequired();
            c.Property(x => x.CompletedBy).HasMaxLength(256).IsRequired();
            c.Property(x => x.Grade).HasConversion<int?>();
            c.Property(x => x.AssessedFindings).HasMaxLength(2000);
            c.Property(x => x.AssessedBy).HasMaxLength(256);
            c.Ignore(x => x.IsAssessed);
            c.Ignore(x => x.OnTime);
        });
        b.Navigation(t => t.Assignees).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(t => t.Completions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
