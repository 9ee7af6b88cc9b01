using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;
using Shequ.Domain.Services;
using Shequ.Domain.Workforce;

namespace Shequ.Web.Seeding;

/// <summary>How much work to generate over the households already in the registry.</summary>
public sealed record WorkloadScale(int Workers, int ServiceRecords, int Evaluations)
{
    /// <summary>performance.md's district: 2k workers, 5M service records, 1M evaluations.</summary>
    public static WorkloadScale District { get; } = new(2_000, 5_000_000, 1_000_000);

    public static WorkloadScale Quick { get; } = new(200, 100_000, 50_000);
}

public sealed record WorkloadCounts(int Workers, int ServiceRecords, int Evaluations, int PeriodId, int CampaignId);

/// <summary>
/// Generates a district's work at scale for benchmarks and load tests, through the domain's own factories: workers
/// in every community, service records over the current quarter, and a finished evaluation campaign whose
/// invitations each name two workers. Deterministic for a seed.
/// </summary>
public sealed class WorkloadGenerator(Func<ShequDbContext> newContext, string districtCode, DateTime nowLocal, int seed = 7)
{
    private const int Batch = 10_000;
    private static readonly string[] ItemNames = ["政策咨询", "老年人上门探访", "代办医保报销", "困难家庭走访", "矛盾纠纷调解", "就业信息推送"];
    private readonly Random random = new(seed);

    public async Task<WorkloadCounts> SeedAsync(WorkloadScale scale, IProgress<(string Stage, int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var today = DateOnly.FromDateTime(nowLocal);
        var items = await ItemsAsync(today);
        var workers = await WorkersAsync(scale.Workers, today, progress);
        var records = await RecordsAsync(scale.ServiceRecords, items, workers, progress);
        var (periodId, campaignId, evaluations) = await EvaluationsAsync(scale.Evaluations, items, workers, today, progress);
        return new WorkloadCounts(workers.Sum(w => w.Value.Count), records, evaluations, periodId, campaignId);
    }

    private async Task<List<ServiceItem>> ItemsAsync(DateOnly today)
    {
        await using var db = newContext();
        var items = ItemNames.Select((name, i) =>
        {
            var item = ServiceItem.Define(districtCode, $"GEN-{i + 1:00}", name, CommunityFunction.CivilAffairs, ServiceItemKind.Fixed, DutyList.LegalDuty);
            item.Revise($"{name}：当场受理，五个工作日内办结。", [("受理登记", 0, null), ("办结反馈", 5, null)]);
            item.Publish(today.AddDays(-120));
            return item;
        }).ToList();
        db.ServiceItems.AddRange(items);
        await db.SaveChangesAsync();
        return items;
    }

    /// <summary>Workers per community, each assigned to one of its grids in turn.</summary>
    private async Task<Dictionary<string, List<Worker>>> WorkersAsync(int count, DateOnly today, IProgress<(string, int, int)>? progress)
    {
        await using var db = newContext();
        var prefix = districtCode;
        var communities = await db.Regions.Where(r => r.Level == RegionLevel.Community && r.Code.StartsWith(prefix)).OrderBy(r => r.Code).ToListAsync();
        var grids = (await db.Regions.Where(r => r.Level == RegionLevel.Grid && r.Code.StartsWith(prefix)).ToListAsync()).ToLookup(g => g.Code[..12]);
        var byCommunity = communities.ToDictionary(c => c.Code, _ => new List<Worker>());
        for (var n = 0; n < count; n++)
        {
            var community = communities[n % communities.Count];
            var worker = Worker.Hire(community, new WorkerProfile(
                DemoDistrict.Person(n + 101), n % 5 == 0 ? "社区社工" : "网格员",
                n % 2 == 0 ? EmploymentCategory.ProfessionalSocialWorker : EmploymentCategory.AdministrativeEstablishment,
                Qualification.None, null, today.AddYears(-1 - (n % 15))));
            var own = grids[community.Code].ToList();
            worker.AssignTo(own.Count == 0 ? [community] : [own[(n / communities.Count) % own.Count]]);
            byCommunity[community.Code].Add(worker);
            db.Workers.Add(worker);
            if ((n + 1) % 1_000 == 0)
            {
                await db.SaveChangesAsync();
                progress?.Report(("workers", n + 1, count));
            }
        }

        await db.SaveChangesAsync();
        progress?.Report(("workers", count, count));
        return byCommunity;
    }

    /// <summary>Records over the current quarter so far, each by a worker of the household's community.</summary>
    private async Task<int> RecordsAsync(int count, List<ServiceItem> items, Dictionary<string, List<Worker>> workers, IProgress<(string, int, int)>? progress)
    {
        var quarterStart = new DateTime(nowLocal.Year, ((nowLocal.Month - 1) / 3 * 3) + 1, 1, 8, 0, 0, DateTimeKind.Unspecified);
        var span = Math.Max(1, (int)(nowLocal.AddHours(-1) - quarterStart).TotalMinutes);
        var perCommunity = Math.Max(1, count / Math.Max(1, workers.Count));
        var written = 0;
        foreach (var (community, staff) in workers)
        {
            if (staff.Count == 0)
            {
                continue;
            }

            List<Household> households;
            await using (var read = newContext())
            {
                households = await read.Households.AsNoTracking().Where(h => h.RegionCode.StartsWith(community)).ToListAsync();
            }

            if (households.Count == 0)
            {
                continue;
            }

            var target = Math.Min(perCommunity, count - written);
            for (var done = 0; done < target; done += Batch)
            {
                await using var db = newContext();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var nowUtc = DateTime.UtcNow;
                for (var i = done; i < Math.Min(target, done + Batch); i++)
                {
                    var household = households[random.Next(households.Count)];
                    var worker = staff[household.Id % staff.Count];
                    var at = quarterStart.AddMinutes(random.Next(span));
                    db.ServiceRecords.Add(ServiceRecord.Record(
                        new ServiceDelivery(items[random.Next(items.Count)], worker, household, null, at,
                            i % 4 == 3 ? ServiceMode.OnCall : ServiceMode.ProactiveVisit, ProviderType.Staff, ServiceOutcome.Completed, 30 + (i % 4 * 15), null),
                        nowLocal, nowUtc, "generator"));
                }

                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync();
            }

            written += target;
            progress?.Report(("service records", written, count));
        }

        return written;
    }

    /// <summary>A campaign of the current quarter whose invitations each name two workers of one community, all answered.</summary>
    private async Task<(int PeriodId, int CampaignId, int Evaluations)> EvaluationsAsync(
        int count, List<ServiceItem> items, Dictionary<string, List<Worker>> workers, DateOnly today, IProgress<(string, int, int)>? progress)
    {
        int periodId, campaignId;
        await using (var db = newContext())
        {
            var quarter = ((today.Month - 1) / 3) + 1;
            var period = await db.AssessmentPeriods.SingleOrDefaultAsync(p => p.DistrictCode == districtCode && p.Year == today.Year && p.Quarter == quarter);
            if (period is null)
            {
                period = AssessmentPeriod.For(districtCode, today.Year, quarter);
                db.AssessmentPeriods.Add(period);
                await db.SaveChangesAsync();
            }

            var campaign = EvaluationCampaign.Start(period, districtCode, new SampleRule(2, 20), seed, string.Empty, string.Empty, DateTime.UtcNow, 14, "generator");
            db.EvaluationCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            (periodId, campaignId) = (period.Id, campaign.Id);
        }

        // Each worker has a steady quality, so scores spread as they would in a real quarter.
        var teams = workers.Values.Where(w => w.Count >= 2).ToList();
        var quality = teams.SelectMany(t => t).ToDictionary(w => w.Id, _ => random.NextDouble());
        var written = 0;
        var invitations = 0;
        var invited = new Dictionary<int, int>();
        while (written < count && teams.Count > 0)
        {
            await using var db = newContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var expires = DateTime.UtcNow.AddDays(14);
            for (var b = 0; b < Batch / 2 && written < count; b++, invitations++)
            {
                var team = teams[invitations % teams.Count];
                var first = team[random.Next(team.Count)];
                var second = team[(team.IndexOf(first) + 1 + random.Next(team.Count - 1)) % team.Count];
                var subjects = new[] { (first.Id, items[random.Next(items.Count)].Id), (second.Id, items[random.Next(items.Count)].Id) };
                var invitation = EvaluationInvitation.For(campaignId, 1 + invitations, subjects, expires);
                invitation.Protect(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
                db.EvaluationInvitations.Add(invitation);
                var ballot = Guid.NewGuid();
                foreach (var (workerId, itemId) in subjects)
                {
                    invited[workerId] = invited.GetValueOrDefault(workerId) + 1;
                    var grade = GradeFor(quality[workerId]);
                    db.Evaluations.Add(Evaluation.Cast(campaignId, ballot, workerId, itemId, grade, Evaluation.NeedsReason(grade) && random.Next(10) > 0 ? "服务及时，态度好" : null, today, requireReason: false));
                    written++;
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            progress?.Report(("evaluations", written, count));
        }

        await using (var db = newContext())
        {
            db.InvitedCounts.AddRange(invited.Select(kv => new Shequ.Data.Assessment.InvitedCount { CampaignId = campaignId, WorkerId = kv.Key, Subjects = kv.Value }));
            await db.SaveChangesAsync();
        }

        return (periodId, campaignId, written);
    }

    private Grade GradeFor(double quality)
    {
        var roll = random.NextDouble() * 0.6 + quality * 0.4;
        return roll switch
        {
            > 0.75 => Grade.Excellent,
            > 0.45 => Grade.Good,
            > 0.2 => Grade.Fair,
            _ => Grade.Poor,
        };
    }
}
