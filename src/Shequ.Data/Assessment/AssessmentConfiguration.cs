using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shequ.Domain.Assessment;
using Shequ.Domain.Organization;
using Shequ.Domain.Services;
using Shequ.Domain.Workforce;

namespace Shequ.Data.Assessment;

internal sealed class AssessmentPeriodConfiguration : IEntityTypeConfiguration<AssessmentPeriod>
{
    public void Configure(EntityTypeBuilder<AssessmentPeriod> b)
    {
        b.ToTable("AssessmentPeriods");
        b.HasKey(p => p.Id);
        b.Property(p => p.DistrictCode).HasMaxLength(RegionCode.DistrictLength).IsRequired();
        b.HasIndex(p => new { p.DistrictCode, p.Year, p.Quarter }).IsUnique();
        b.Property(p => p.Status).HasConversion<int>();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Label);
        b.Ignore(p => p.MeasuredUntil);
        b.Ignore(p => p.IsPublished);
    }
}

internal sealed class HolidayCalendarConfiguration : IEntityTypeConfiguration<Shequ.Domain.Common.HolidayCalendar>
{
    public void Configure(EntityTypeBuilder<Shequ.Domain.Common.HolidayCalendar> b)
    {
        b.ToTable("HolidayCalendars");
        b.HasKey(c => c.Year);
        b.Property(c => c.Year).ValueGeneratedNever();
        b.Property(c => c.Holidays).HasMaxLength(4000).IsRequired();
        b.Property(c => c.MakeupDays).HasMaxLength(4000).IsRequired();
        b.Property(c => c.UpdatedBy).HasMaxLength(256).IsRequired();
        b.Ignore(c => c.Calendar);
    }
}

internal sealed class PayAdoptionConfiguration : IEntityTypeConfiguration<PayAdoption>
{
    public void Configure(EntityTypeBuilder<PayAdoption> b)
    {
        b.ToTable("PayAdoptions");
        b.HasKey(a => a.Id);
        b.Property(a => a.DistrictCode).HasMaxLength(RegionCode.DistrictLength).IsRequired();
        b.HasIndex(a => new { a.DistrictCode, a.Year }).IsUnique();
        b.Property(a => a.Rule).HasConversion<int>();
        b.Property(a => a.Unscored).HasConversion<int>();
        b.Property(a => a.AssessmentShare).HasPrecision(5, 4);
        b.Property(a => a.Spread).HasPrecision(5, 4);
        b.Property(a => a.Pool).HasPrecision(14, 2);
        b.Property(a => a.Gap).HasPrecision(12, 2);
        b.Property(a => a.Note).HasMaxLength(500).IsRequired();
        b.Property(a => a.AdoptedBy).HasMaxLength(256).IsRequired();
        b.Ignore(a => a.Settings);
        b.HasOne<AssessmentPeriod>().WithMany().HasForeignKey(a => a.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Lines).WithOne().HasForeignKey(l => l.AdoptionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AdoptedPayConfiguration : IEntityTypeConfiguration<AdoptedPay>
{
    public void Configure(EntityTypeBuilder<AdoptedPay> b)
    {
        b.ToTable("AdoptedPay");
        b.HasKey(l => l.Id);
        b.Property(l => l.Score).HasPrecision(7, 2);
        b.Property(l => l.FixedPay).HasPrecision(12, 2);
        b.Property(l => l.AssessmentPay).HasPrecision(12, 2);
        b.HasIndex(l => l.WorkerId);
        b.HasOne<Worker>().WithMany().HasForeignKey(l => l.WorkerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResultCorrectionConfiguration : IEntityTypeConfiguration<ResultCorrection>
{
    public void Configure(EntityTypeBuilder<ResultCorrection> b)
    {
        b.ToTable("ResultCorrections");
        b.HasKey(c => c.Id);
        b.Property(c => c.Note).HasMaxLength(1000).IsRequired();
        b.Property(c => c.By).HasMaxLength(256).IsRequired();
        b.Property(c => c.TotalBefore).HasPrecision(7, 2);
        b.Property(c => c.TotalAfter).HasPrecision(7, 2);
        b.HasIndex(c => new { c.PeriodId, c.WorkerId });
        b.HasOne<AssessmentPeriod>().WithMany().HasForeignKey(c => c.PeriodId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Worker>().WithMany().HasForeignKey(c => c.WorkerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ScoreAppeal>().WithMany().HasForeignKey(c => c.AppealId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AssessmentSchemeConfiguration : IEntityTypeConfiguration<AssessmentScheme>
{
    public void Configure(EntityTypeBuilder<AssessmentScheme> b)
    {
        b.ToTable("AssessmentSchemes");
        b.HasKey(x => x.Id);
        b.Property(x => x.DistrictCode).HasMaxLength(RegionCode.DistrictLength).IsRequired();
        b.HasIndex(x => new { x.DistrictCode, x.Number }).IsUnique();
        b.Property(x => x.CreatedBy).HasMaxLength(256).IsRequired();
        foreach (var name in new[]
        {
            nameof(AssessmentScheme.WeightResidentEvaluation), nameof(AssessmentScheme.WeightRoutineWork), nameof(AssessmentScheme.WeightSurgeTasks),
            nameof(AssessmentScheme.WeightRequestsOnTime), nameof(AssessmentScheme.WeightWorkLog), nameof(AssessmentScheme.ExpectedExcellentShare), nameof(AssessmentScheme.WeightAnnualSurge),
        })
        {
            b.Property<decimal>(name).HasPrecision(5, 4);
        }

        foreach (var name in new[] { nameof(AssessmentScheme.PointsExcellent), nameof(AssessmentScheme.PointsGood), nameof(AssessmentScheme.PointsFair), nameof(AssessmentScheme.PointsPoor) })
        {
            b.Property<decimal>(name).HasPrecision(6, 2);
        }

        b.Ignore(x => x.Settings);
    }
}

internal sealed class ScoreAppealConfiguration : IEntityTypeConfiguration<ScoreAppeal>
{
    public void Configure(EntityTypeBuilder<ScoreAppeal> b)
    {
        b.ToTable("ScoreAppeals");
        b.HasKey(a => a.Id);
        b.Property(a => a.Text).HasMaxLength(1000).IsRequired();
        b.Property(a => a.Decision).HasConversion<int>();
        b.Property(a => a.DecisionNote).HasMaxLength(1000);
        b.Property(a => a.DecidedBy).HasMaxLength(256);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => new { a.PeriodId, a.WorkerId });
        b.HasOne<AssessmentPeriod>().WithMany().HasForeignKey(a => a.PeriodId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Worker>().WithMany().HasForeignKey(a => a.WorkerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvaluationCampaignConfiguration : IEntityTypeConfiguration<EvaluationCampaign>
{
    public void Configure(EntityTypeBuilder<EvaluationCampaign> b)
    {
        b.ToTable("EvaluationCampaigns");
        b.HasKey(c => c.Id);
        b.Property(c => c.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(c => c.RegionCode);
        b.Property(c => c.Frame).IsRequired();
        b.Property(c => c.Exclusions).IsRequired();
        b.Property(c => c.Outcome).IsRequired();
        b.Property(c => c.SlipKeyCipher).HasMaxLength(200);
        b.Property(c => c.CreatedBy).HasMaxLength(256).IsRequired();
        b.Property(c => c.DistributedBy).HasMaxLength(256);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<AssessmentPeriod>().WithMany().HasForeignKey(c => c.PeriodId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvaluationInvitationConfiguration : IEntityTypeConfiguration<EvaluationInvitation>
{
    public void Configure(EntityTypeBuilder<EvaluationInvitation> b)
    {
        b.ToTable("EvaluationInvitations");
        b.HasKey(i => i.Id);
        b.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.Property(i => i.ShortCodeHash).HasMaxLength(64).IsRequired();
        b.HasIndex(i => i.ShortCodeHash);
        b.HasIndex(i => i.CampaignId);
        b.HasOne<EvaluationCampaign>().WithMany().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Cascade);

        // Item D19, ADR-011: the household and subjects exist only sealed.
        b.Ignore(i => i.HouseholdId);
        b.Ignore(i => i.Subjects);
    }
}

/// <summary>Item D19: the table holds no token, resident, household, IP or user-agent; the schema test checks its columns.</summary>
internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> b)
    {
        b.ToTable("Evaluations");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Grade).HasConversion<int>();
        b.Property(e => e.ReasonCheck).HasConversion<int>();
        b.Property(e => e.Reason).HasMaxLength(Evaluation.MaxReason);
        b.Property(e => e.ScreeningNote).HasMaxLength(200);
        b.Ignore(e => e.Validity);
        b.Ignore(e => e.Counts);

        // ADR-011: which grades came together, and when, exist only sealed.
        b.Ignore(e => e.BallotId);
        b.Ignore(e => e.Day);
        b.HasIndex(e => new { e.CampaignId, e.WorkerId });
        b.HasOne<EvaluationCampaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Worker>().WithMany().HasForeignKey(e => e.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceItem>().WithMany().HasForeignKey(e => e.ServiceItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// That a household was sampled in a campaign, kept so the next campaigns can pass it over (E2-7). It names
/// neither a token nor a worker, so it cannot lead to what the household answered.
/// </summary>
public sealed class SampledHousehold
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public int HouseholdId { get; set; }

    /// <summary>What became of the household's envelope; a day, no time.</summary>
    public Handout Handout { get; set; }

    public DateOnly? HandoutOn { get; set; }
}

internal sealed class SampledHouseholdConfiguration : IEntityTypeConfiguration<SampledHousehold>
{
    public void Configure(EntityTypeBuilder<SampledHousehold> b)
    {
        b.ToTable("EvaluationSampledHouseholds");
        b.HasKey(s => s.Id);
        b.Property(s => s.Handout).HasConversion<int>();
        b.HasIndex(s => new { s.CampaignId, s.HouseholdId }).IsUnique();
        b.HasIndex(s => s.HouseholdId);
        b.HasOne<EvaluationCampaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// A ballot received while its campaign runs: sealed whole (grades, reasons, ballot key, day) until the campaign
/// closes, when every pending ballot of the campaign is written into <c>Evaluations</c> at once, shuffled, and this
/// row is deleted (ADR-011). Written in the same transaction that spends the invitation, so what is answered is stored.
/// </summary>
public sealed class PendingBallot
{
    public const string Purpose = "evaluation.pending";

    public Guid Id { get; set; }

    public int CampaignId { get; set; }

    public string Sealed { get; set; } = string.Empty;
}

internal sealed class PendingBallotConfiguration : IEntityTypeConfiguration<PendingBallot>
{
    public void Configure(EntityTypeBuilder<PendingBallot> b)
    {
        b.ToTable("EvaluationPendingBallots");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Sealed).IsRequired();
        b.HasIndex(p => p.CampaignId);
        b.HasOne<EvaluationCampaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How many grades a campaign asked of each worker's households: the response rate's denominator, kept as a count.</summary>
public sealed class InvitedCount
{
    public int CampaignId { get; set; }

    public int WorkerId { get; set; }

    public int Subjects { get; set; }
}

internal sealed class InvitedCountConfiguration : IEntityTypeConfiguration<InvitedCount>
{
    public void Configure(EntityTypeBuilder<InvitedCount> b)
    {
        b.ToTable("EvaluationInvitedCounts");
        b.HasKey(c => new { c.CampaignId, c.WorkerId });
        b.HasOne<EvaluationCampaign>().WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Worker>().WithMany().HasForeignKey(c => c.WorkerId).OnDelete(DeleteBehavior.Cascade);
    }
}
