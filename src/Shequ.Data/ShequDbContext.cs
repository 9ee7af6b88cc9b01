using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Shequ.Data.Access;
using Shequ.Data.Audit;
using Shequ.Domain.Assessment;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Domain.Requests;
using Shequ.Domain.Services;
using Shequ.Domain.Workforce;

namespace Shequ.Data;

public class ShequDbContext : IdentityDbContext<StaffUser>, IDataProtectionKeyContext
{
    private static readonly HashSet<string> UserFieldsNotWorthAuditing =
        [nameof(StaffUser.ConcurrencyStamp), nameof(StaffUser.AccessFailedCount), nameof(StaffUser.SecurityStamp)];

    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private readonly ICurrentActor _actor;

    public ShequDbContext(DbContextOptions<ShequDbContext> options, ICurrentActor? actor = null)
        : base(options)
    {
        _options = options;
        _actor = actor ?? SystemActor.Instance;
    }

    private readonly DbContextOptions<ShequDbContext> _options;

    /// <summary>Another context on its own connection, seeing what this one's actor may see (for work done alongside it).</summary>
    public ShequDbContext ForSameActor() => new(_options, _actor);

    /// <summary>
    /// The code prefix of the caller's region subtree; null sees everything. Every scoped entity's
    /// query filter reads it, so scope is enforced here and nowhere else.
    /// </summary>
    /// <remarks>Read at each query, not at construction: a context created before authentication must not freeze an anonymous scope.</remarks>
    public string? ScopePrefix => _actor.RegionPrefix;

    /// <summary>The handling unit whose account is asking, or null for everyone else.</summary>
    public int? ActorUnitId => _actor.UnitId;

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<ServiceSite> ServiceSites => Set<ServiceSite>();

    public DbSet<Household> Households => Set<Household>();

    public DbSet<Resident> Residents => Set<Resident>();

    public DbSet<Worker> Workers => Set<Worker>();

    public DbSet<WorkLogEntry> WorkLog => Set<WorkLogEntry>();

    public DbSet<TrainingPlan> TrainingPlans => Set<TrainingPlan>();

    public DbSet<ServiceItem> ServiceItems => Set<ServiceItem>();

    public DbSet<ServiceAgreement> ServiceAgreements => Set<ServiceAgreement>();

    public DbSet<ServiceRecord> ServiceRecords => Set<ServiceRecord>();

    public DbSet<WorkTask> WorkTasks => Set<WorkTask>();

    public DbSet<RequestCategory> RequestCategories => Set<RequestCategory>();

    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();

    public DbSet<HandlingUnit> HandlingUnits => Set<HandlingUnit>();

    public DbSet<Requests.IdempotencyRecord> IdempotencyRecords => Set<Requests.IdempotencyRecord>();

    public DbSet<ContactLeader> ContactLeaders => Set<ContactLeader>();

    public DbSet<ContactDay> ContactDays => Set<ContactDay>();

    public DbSet<Suggestion> Suggestions => Set<Suggestion>();

    public DbSet<AssessmentPeriod> AssessmentPeriods => Set<AssessmentPeriod>();

    public DbSet<EvaluationCampaign> EvaluationCampaigns => Set<EvaluationCampaign>();

    public DbSet<EvaluationInvitation> EvaluationInvitations => Set<EvaluationInvitation>();

    public DbSet<Evaluation> Evaluations => Set<Evaluation>();

    public DbSet<ScoreAppeal> ScoreAppeals => Set<ScoreAppeal>();

    public DbSet<ResultCorrection> ResultCorrections => Set<ResultCorrection>();

    public DbSet<PayAdoption> PayAdoptions => Set<PayAdoption>();

    public DbSet<Shequ.Domain.Common.HolidayCalendar> HolidayCalendars => Set<Shequ.Domain.Common.HolidayCalendar>();

    public DbSet<AdoptedPay> AdoptedPay => Set<AdoptedPay>();

    public DbSet<AssessmentScheme> AssessmentSchemes => Set<AssessmentScheme>();

    public DbSet<Assessment.SampledHousehold> SampledHouseholds => Set<Assessment.SampledHousehold>();

    public DbSet<Assessment.PendingBallot> PendingBallots => Set<Assessment.PendingBallot>();

    public DbSet<Assessment.InvitedCount> InvitedCounts => Set<Assessment.InvitedCount>();

    public DbSet<Files.StoredFile> StoredFiles => Set<Files.StoredFile>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The audit line a tracked save writes for a new entity, for rows written around the change tracker
    /// (<see cref="BulkInserter{T}"/>), so imported records carry the same history as those made one by one.
    /// </summary>
    public AuditEntry CreatedAuditLine(object entity) => new()
    {
        AtUtc = DateTime.UtcNow,
        Actor = _actor.UserName,
        Action = AuditActions.Created,
        EntityType = entity.GetType().Name,
        EntityKey = KeyOf(entity),
    };

    /// <summary>Adds an audit line; it is written with the next save, in the same transaction.</summary>
    /// <summary>
    /// A transaction of the caller's own, or none when one already runs (a request under an Idempotency-Key, say):
    /// the outer transaction then commits or rolls back the whole.
    /// </summary>
    public async Task<JoinedTransaction> BeginOrJoinTransactionAsync(CancellationToken ct) =>
        new(Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null);

    public void Audit(string action, string? entityType = null, string? entityKey = null, string? detail = null, string? remoteIp = null) =>
        AuditEntries.Add(new AuditEntry
        {
            AtUtc = DateTime.UtcNow,
            Actor = _actor.UserName,
            Action = action,
            EntityType = entityType,
            EntityKey = entityKey,
            Detail = detail,
            RemoteIp = remoteIp,
        });

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseMalformedValues();
        var changes = CollectAuditedChanges();
        if (changes.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // Keys of new rows exist only after the insert, so the audit lines follow in a second save
        // inside the same transaction: both land or neither does.
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var (entry, action, detail) in changes)
            {
                Audit(action, entry.Metadata.ClrType.Name, KeyOf(entry.Entity), detail);
            }

            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ShequDbContext).Assembly);

        builder.Entity<StaffUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(100);
            b.HasOne<Region>().WithMany().HasForeignKey(u => u.RegionId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<HandlingUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ApiToken>(b =>
        {
            b.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
            b.HasIndex(t => t.TokenHash).IsUnique();
            b.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditEntry>(b =>
        {
            b.ToTable("AuditEntries");
            b.Property(a => a.Action).HasMaxLength(40);
            b.Property(a => a.Actor).HasMaxLength(256);
            b.Property(a => a.EntityType).HasMaxLength(80);
            b.Property(a => a.EntityKey).HasMaxLength(80);
            b.Property(a => a.RemoteIp).HasMaxLength(45);
            b.HasIndex(a => a.AtUtc);
        });

        // A service's time is wall-clock time where it happened, not an instant: PostgreSQL keeps it without a zone.
        if (Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            builder.Entity<ServiceRecord>().Property(r => r.OccurredAt).HasColumnType("timestamp without time zone");
        }

        builder.Entity<Region>().HasQueryFilter(r => ScopePrefix == null || r.Code.StartsWith(ScopePrefix));
        builder.Entity<HandlingUnit>().HasQueryFilter(u => ScopePrefix == null || u.AreaPrefix.StartsWith(ScopePrefix) || ScopePrefix.StartsWith(u.AreaPrefix));
        builder.Entity<ServiceSite>().HasQueryFilter(s => ScopePrefix == null || s.Region.Code.StartsWith(ScopePrefix));
        builder.Entity<Household>().HasQueryFilter(h => ScopePrefix == null || h.RegionCode.StartsWith(ScopePrefix));
        builder.Entity<Resident>().HasQueryFilter(r => ScopePrefix == null || r.RegionCode.StartsWith(ScopePrefix));
        // A worker belongs to the employer's scope and to the scope of every community or grid they serve;
        // a log entry is visible wherever its worker is.
        builder.Entity<Worker>().HasQueryFilter(w => ScopePrefix == null || w.RegionCode.StartsWith(ScopePrefix) || w.Assignments.Any(a => a.RegionCode.StartsWith(ScopePrefix)));
        builder.Entity<WorkLogEntry>().HasQueryFilter(e => ScopePrefix == null || Workers.Any(w => w.Id == e.WorkerId));
        builder.Entity<TrainingPlan>().HasQueryFilter(p => ScopePrefix == null || p.RegionCode.StartsWith(ScopePrefix));

        // An item defined above the caller's region is offered in it, so it is visible below as well as above.
        builder.Entity<ServiceItem>().HasQueryFilter(i => ScopePrefix == null || i.RegionCode.StartsWith(ScopePrefix) || ScopePrefix.StartsWith(i.RegionCode));
        builder.Entity<ServiceAgreement>().HasQueryFilter(a => ScopePrefix == null || a.CommunityCode.StartsWith(ScopePrefix));
        builder.Entity<ServiceRecord>().HasQueryFilter(r => ScopePrefix == null || r.RegionCode.StartsWith(ScopePrefix));
        builder.Entity<WorkTask>().HasQueryFilter(t => ScopePrefix == null || t.RegionCode.StartsWith(ScopePrefix) || t.Assignees.Any(a => a.RegionCode.StartsWith(ScopePrefix)));
        builder.Entity<ServiceRequest>().HasQueryFilter(r => (ScopePrefix == null || r.RegionCode.StartsWith(ScopePrefix)) && (ActorUnitId == null || r.HandlerUnitId == ActorUnitId));

        // A street's leaders serve its communities: visible below the street as well as above it.
        builder.Entity<ContactLeader>().HasQueryFilter(l => ScopePrefix == null || l.RegionCode.StartsWith(ScopePrefix) || ScopePrefix.StartsWith(l.RegionCode));
        builder.Entity<ContactDay>().HasQueryFilter(d => ScopePrefix == null || d.CommunityCode.StartsWith(ScopePrefix));
        builder.Entity<Suggestion>().HasQueryFilter(s => (ScopePrefix == null || s.CommunityCode.StartsWith(ScopePrefix)) && (ActorUnitId == null || s.HandlerUnitId == ActorUnitId));

        // A district's periods and a region's campaigns concern everyone above and below; invitations and
        // evaluations are seen through the campaign and the worker.
        builder.Entity<AssessmentPeriod>().HasQueryFilter(p => ScopePrefix == null || p.DistrictCode.StartsWith(ScopePrefix) || ScopePrefix.StartsWith(p.DistrictCode));
        builder.Entity<EvaluationCampaign>().HasQueryFilter(c => ScopePrefix == null || c.RegionCode.StartsWith(ScopePrefix) || ScopePrefix.StartsWith(c.RegionCode));
        builder.Entity<EvaluationInvitation>().HasQueryFilter(i => ScopePrefix == null || EvaluationCampaigns.Any(c => c.Id == i.CampaignId));
        builder.Entity<Evaluation>().HasQueryFilter(e => ScopePrefix == null || Workers.Any(w => w.Id == e.WorkerId));
        builder.Entity<AssessmentScheme>().HasQueryFilter(x => ScopePrefix == null || x.DistrictCode.StartsWith(ScopePrefix) || ScopePrefix.StartsWith(x.DistrictCode));
        builder.Entity<ScoreAppeal>().HasQueryFilter(a => ScopePrefix == null || Workers.Any(w => w.Id == a.WorkerId));
        builder.Entity<PayAdoption>().HasQueryFilter(a => ScopePrefix == null || a.DistrictCode.StartsWith(ScopePrefix) || ScopePrefix.StartsWith(a.DistrictCode));
        builder.Entity<AdoptedPay>().HasQueryFilter(l => ScopePrefix == null || Workers.Any(w => w.Id == l.WorkerId));
        builder.Entity<ResultCorrection>().HasQueryFilter(c => ScopePrefix == null || Workers.Any(w => w.Id == c.WorkerId));
    }

    /// <summary>Fields people recognise in a refusal; the rest are named as the model names them.</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["Name"] = "名称或姓名", ["Position"] = "职务", ["Title"] = "职务或标题", ["Venue"] = "地点", ["Text"] = "内容", ["Reason"] = "理由",
        ["Note"] = "备注", ["Reply"] = "答复", ["Agenda"] = "议题", ["Description"] = "说明", ["UnitName"] = "承办单位", ["DisplayName"] = "显示名",
    };

    /// <summary>
    /// The last guard before anything is written, whatever page, API call or command asked (issue 15): every text
    /// fits its column and holds no hidden characters, every enum is a defined value. A refusal writes nothing.
    /// </summary>
    private void RefuseMalformedValues()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (entry.State == EntityState.Modified && !property.IsModified)
                {
                    continue;
                }

                var label = FieldLabels.GetValueOrDefault(property.Metadata.Name, property.Metadata.Name);
                switch (property.CurrentValue)
                {
                    case string text:
                        var max = property.Metadata.GetMaxLength();
                        var rule = new Shequ.Domain.Common.TextMustBePlainAndFitRule(label, text, max, freeText: max is null or > 200);
                        if (rule.IsBroken())
                        {
                            throw new Shequ.Domain.Common.BusinessRuleViolationException(rule);
                        }

                        break;
                    case Enum value when !value.GetType().IsDefined(typeof(FlagsAttribute), false) && !Enum.IsDefined(value.GetType(), value):
                        throw new Shequ.Domain.Common.BusinessRuleViolationException(new UndefinedChoiceRule(label, value));
                }
            }
        }
    }

    private sealed class UndefinedChoiceRule(string label, Enum value) : Shequ.Domain.Common.IBusinessRule
    {
        public string Code => "Choice.Defined";

        public string Message => $"「{label}」的取值 {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} 不在可选范围内。";

        public bool IsBroken() => true;
    }

    private List<(EntityEntry Entry, string Action, string? Detail)> CollectAuditedChanges()
    {
        var list = new List<(EntityEntry, string, string?)>();
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.Entity is not (Region or ServiceSite or HandlingUnit or StaffUser or Household or Resident or Worker or ServiceItem or ServiceAgreement or WorkTask or ServiceRequest or ContactDay or Suggestion or AssessmentPeriod or EvaluationCampaign or ScoreAppeal) || e.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var changed = e.State == EntityState.Modified
                ? e.Properties.Where(p => p.IsModified && !UserFieldsNotWorthAuditing.Contains(p.Metadata.Name)).ToList()
                : [];
            if (e.State == EntityState.Modified && changed.Count == 0)
            {
                continue;
            }

            var action = e.State switch
            {
                EntityState.Added => AuditActions.Created,
                EntityState.Deleted => AuditActions.Deleted,
                _ => AuditActions.Updated,
            };

            // Values only for organisation data; personal records and accounts name the fields, never copy them.
            var personal = e.Entity is StaffUser or Household or Resident or Worker or ServiceRequest or Suggestion or EvaluationCampaign or ScoreAppeal;
            string? detail = e.State == EntityState.Modified
                ? JsonSerializer.Serialize(changed.ToDictionary(
                    p => p.Metadata.Name,
                    p => personal ? null : p.CurrentValue?.ToString()), AuditJson)
                : null;
            list.Add((e, action, detail));
        }

        return list;
    }

    private static string? KeyOf(object entity) => entity switch
    {
        Region r => r.Code,
        ServiceSite s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        HandlingUnit u => u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StaffUser u => u.UserName,
        Household h => h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Resident r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Worker w => w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ServiceItem i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ServiceAgreement a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        WorkTask t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ServiceRequest r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ContactDay d => d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Suggestion s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AssessmentPeriod p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        EvaluationCampaign c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ScoreAppeal a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}

/// <summary>See <see cref="ShequDbContext.BeginOrJoinTransactionAsync"/>.</summary>
public sealed class JoinedTransaction(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? own) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => own?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
