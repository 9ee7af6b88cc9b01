using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;

namespace Shequ.Data.Opinion;

internal sealed class ContactLeaderConfiguration : IEntityTypeConfiguration<ContactLeader>
{
    public void Configure(EntityTypeBuilder<ContactLeader> b)
    {
        b.ToTable("ContactLeaders");
        b.HasKey(l => l.Id);
        b.Property(l => l.RegionCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(l => l.RegionCode);
        b.Property(l => l.Name).HasMaxLength(50).IsRequired();
        b.Property(l => l.Title).HasMaxLength(50).IsRequired();
    }
}

internal sealed class ContactDayConfiguration : IEntityTypeConfiguration<ContactDay>
{
    public void Configure(EntityTypeBuilder<ContactDay> b)
    {
        b.ToTable("ContactDays");
        b.HasKey(d => d.Id);
        b.Property(d => d.CommunityCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(d => new { d.CommunityCode, d.Date }).IsUnique();
        b.HasIndex(d => d.Date);
        b.Property(d => d.Venue).HasMaxLength(100).IsRequired();
        b.Property(d => d.Agenda).HasMaxLength(1000);
        b.Property(d => d.LeaderName).HasMaxLength(50).IsRequired();
        b.Property(d => d.LeaderTitle).HasMaxLength(50);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.Ignore(d => d.TotalAttendance);
        b.HasOne<ContactLeader>().WithMany().HasForeignKey(d => d.LeaderId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SuggestionConfiguration : IEntityTypeConfiguration<Suggestion>
{
    public void Configure(EntityTypeBuilder<Suggestion> b)
    {
        b.ToTable("Suggestions");
        b.HasKey(s => s.Id);
        b.Property(s => s.CommunityCode).HasMaxLength(RegionCode.GridLength).IsRequired();
        b.HasIndex(s => new { s.CommunityCode, s.SubmittedAtUtc });
        b.HasIndex(s => s.GroupId);
        b.HasIndex(s => new { s.Status, s.ReplyDueOn });
        b.Property(s => s.Source).HasConversion<int>();
        b.Property(s => s.Status).HasConversion<int>();
        b.Property(s => s.SuggestedCategory).HasConversion<int>();
        b.Property(s => s.Category).HasConversion<int?>();
        b.Property(s => s.UnitKind).HasConversion<int?>();
        b.Property(s => s.Text).HasMaxLength(Suggestion.MaxText).IsRequired();
        b.Property(s => s.SubmitterName).HasMaxLength(50);
        b.Property(s => s.ContactCipher).HasMaxLength(200);
        b.Property(s => s.FollowTokenHash).HasMaxLength(64);
        b.HasIndex(s => s.FollowTokenHash).IsUnique();
        b.Property(s => s.SubmittedBy).HasMaxLength(256).IsRequired();
        b.Property(s => s.CategoryConfirmedBy).HasMaxLength(256);
        b.Property(s => s.Keywords).HasMaxLength(200).IsRequired();
        b.Property(s => s.UnitName).HasMaxLength(60);
        b.Property(s => s.Reply).HasMaxLength(2000);
        b.Property(s => s.RepliedBy).HasMaxLength(256);
        b.Property(s => s.PublishedBy).HasMaxLength(256);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.RepliedOnTime);
        b.Ignore(s => s.HasPublicReply);
        b.HasIndex(s => s.HandlerUnitId);
        b.HasOne<Shequ.Domain.Organization.HandlingUnit>().WithMany().HasForeignKey(s => s.HandlerUnitId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<ContactDay>().WithMany().HasForeignKey(s => s.ContactDayId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Shequ.Domain.Services.ServiceRecord>().WithMany().HasForeignKey(s => s.ServiceRecordId).OnDelete(DeleteBehavior.SetNull);
    }
}
