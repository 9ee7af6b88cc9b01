using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shequ.Data.Access;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Domain.Workforce;

namespace Shequ.Data.Workforce;

internal sealed class WorkerConfiguration : IEntityTypeConfiguration<Worker>
{
    public void Configure(EntityTypeBuilder<Worker> b)
    {
        b.ToTable("Workers");
        b.HasKey(w => w.Id);
        b.Property(w => w.Name).HasMaxLength(256).IsRequired();
        b.HasIndex(w => w.Name);
        b.Property(w => w.Position).HasMaxLength(50);
        b.Property(w => w.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(w => w.RegionCode);
        b.Property(w => w.Category).HasConversion<int>();
        b.Property(w => w.Qualification).HasConversion<int>();
        b.Property(w => w.Version).IsConcurrencyToken();
        b.HasOne<StaffUser>().WithMany().HasForeignKey(w => w.StaffUserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(w => w.StaffUserId).IsUnique();
        b.HasOne<Household>().WithMany().HasForeignKey(w => w.HouseholdId).OnDelete(DeleteBehavior.SetNull);
        b.OwnsMany(w => w.Assignments, a =>
        {
            a.ToTable("WorkerAssignments");
            a.WithOwner().HasForeignKey("WorkerId");
            a.HasKey(x => x.Id);
            a.Property(x => x.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
            a.HasIndex(x => x.RegionCode);
            a.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionId).OnDelete(DeleteBehavior.Restrict);
        });
        b.OwnsMany(w => w.Pay, p =>
        {
            p.ToTable("WorkerPay");
            p.WithOwner().HasForeignKey("WorkerId");
            p.HasKey(x => x.Id);
            p.Property(x => x.Base).HasPrecision(12, 2);
            p.Property(x => x.Seniority).HasPrecision(12, 2);
            p.Property(x => x.PositionAllowance).HasPrecision(12, 2);
            p.Ignore(x => x.Total);
            p.HasIndex("WorkerId", nameof(PayComponents.Year)).IsUnique();
        });
        b.OwnsMany(w => w.Kin, k =>
        {
            k.ToTable("WorkerKin");
            k.WithOwner().HasForeignKey("WorkerId");
            k.HasKey(x => x.Id);
            k.Property(x => x.Relation).HasMaxLength(20).IsRequired();
            k.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Navigation(w => w.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(w => w.Pay).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(w => w.Kin).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class WorkLogEntryConfiguration : IEntityTypeConfiguration<WorkLogEntry>
{
    public void Configure(EntityTypeBuilder<WorkLogEntry> b)
    {
        b.ToTable("WorkLogEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(e => new { e.WorkerId, e.Date });
        b.HasIndex(e => e.RegionCode);
        b.Property(e => e.Category).HasConversion<int>();
        b.Property(e => e.Summary).HasMaxLength(500).IsRequired();
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Worker>().WithMany().HasForeignKey(e => e.WorkerId).OnDelete(DeleteBehavior.Cascade);
        b.OwnsMany(e => e.Visited, v =>
        {
            v.ToTable("WorkLogVisits");
            v.WithOwner().HasForeignKey("WorkLogEntryId");
            v.HasKey(x => x.Id);
            v.HasIndex(x => x.HouseholdId);
            v.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Navigation(e => e.Visited).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TrainingPlanConfiguration : IEntityTypeConfiguration<TrainingPlan>
{
    public void Configure(EntityTypeBuilder<TrainingPlan> b)
    {
        b.ToTable("TrainingPlans");
        b.HasKey(p => p.Id);
        b.Property(p => p.Title).HasMaxLength(100).IsRequired();
        b.Property(p => p.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(p => p.RegionCode);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.PlannedProgress);
        b.OwnsMany(p => p.Sessions, s =>
        {
            s.ToTable("TrainingSessions");
            s.WithOwner().HasForeignKey("PlanId");
            s.HasKey(x => x.Id);
            s.Property(x => x.Topic).HasMaxLength(100).IsRequired();
            s.Property(x => x.Hours).HasPrecision(4, 1);
            s.OwnsMany(x => x.Attendance, a =>
            {
                a.ToTable("TrainingAttendance");
                a.WithOwner().HasForeignKey("SessionId");
                a.HasKey(x => x.Id);
                a.HasIndex(x => x.WorkerId);
                a.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Cascade);
            });
            s.Navigation(x => x.Attendance).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        b.Navigation(p => p.Sessions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
