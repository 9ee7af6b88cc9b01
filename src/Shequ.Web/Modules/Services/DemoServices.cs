using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Common;
using Shequ.Domain.Requests;
using Shequ.Domain.Services;
using Shequ.Domain.Workforce;

namespace Shequ.Web.Modules.Services;

/// <summary>
/// The demo district's services: a published catalogue (6 list-1 duties and the 26 list-2 matters of E8-1),
/// service records from the demo workers' logged visits, routine and surge tasks, and requests at several
/// stages including one already overdue. Deterministic apart from the follow-link secrets.
/// </summary>
public static class DemoServices
{
    private static readonly (string Name, CommunityFunction Function, string Materials, int Days)[] ListOne =
    [
        ("出具居民身份相关证明", CommunityFunction.CivilAffairs, "身份证、户口簿", 1),
        ("民间纠纷调解", CommunityFunction.SafetyAndMediation, "当事人身份证", 15),
        ("召集居民会议和居民代表会议", CommunityFunction.PartyAndVolunteers, "议题材料", 10),
        ("办理本社区公共事务和公益事业", CommunityFunction.EnvironmentAndProperty, "无", 10),
        ("反映居民意见、要求和建议", CommunityFunction.PartyAndVolunteers, "无", 5),
        ("协助维护社会治安", CommunityFunction.SafetyAndMediation, "无", 3),
    ];

    private static readonly (string Name, CommunityFunction Function, string Materials, int Days)[] ListTwo =
    [
        ("最低生活保障申请受理", CommunityFunction.CivilAffairs, "身份证、户口簿、收入证明", 5),
        ("特困人员救助供养申请受理", CommunityFunction.CivilAffairs, "身份证、户口簿、残疾证或病历", 5),
        ("临时救助申请受理", CommunityFunction.CivilAffairs, "身份证、困难情况说明", 3),
        ("高龄津贴申领", CommunityFunction.ElderlyAndDisability, "身份证、银行卡", 5),
        ("老年人助餐半价餐卡申领", CommunityFunction.ElderlyAndDisability, "身份证、一寸照片", 3),
        ("残疾人两项补贴申请受理", CommunityFunction.ElderlyAndDisability, "身份证、残疾证", 5),
        ("城乡居民基本养老保险参保登记", CommunityFunction.SocialSecurity, "身份证、户口簿", 3),
        ("城乡居民基本医疗保险参保缴费", CommunityFunction.SocialSecurity, "身份证、医保卡", 3),
        ("医疗保险异地就医备案与移动报销指导", CommunityFunction.SocialSecurity, "医保卡、就医票据", 5),
        ("就业失业登记", CommunityFunction.Employment, "身份证、劳动合同解除证明", 3),
        ("就业困难人员认定申请受理", CommunityFunction.Employment, "身份证、失业登记证明", 5),
        ("退役军人服务保障", CommunityFunction.CivilAffairs, "退役证、身份证", 5),
        ("计划生育奖励扶助申报", CommunityFunction.HealthAndFamily, "身份证、户口簿、独生子女证", 10),
        ("流动人口信息采集登记", CommunityFunction.SafetyAndMediation, "身份证、租房合同", 1),
        ("居住证申领协助", CommunityFunction.SafetyAndMediation, "身份证、居住证明", 5),
        ("人口普查与统计调查协助", CommunityFunction.Other, "无", 10),
        ("征兵宣传与兵役登记", CommunityFunction.PartyAndVolunteers, "身份证、学历证明", 5),
        ("安全生产宣传与隐患排查", CommunityFunction.SafetyAndMediation, "无", 5),
        ("消防安全检查协助", CommunityFunction.SafetyAndMediation, "无", 5),
        ("食品安全宣传", CommunityFunction.HealthAndFamily, "无", 5),
        ("防汛防台与应急疏散", CommunityFunction.SafetyAndMediation, "无", 1),
        ("禁毒宣传与社区戒毒康复协助", CommunityFunction.SafetyAndMediation, "无", 10),
        ("社区矫正协助", CommunityFunction.SafetyAndMediation, "无", 10),
        ("严重精神障碍患者服务管理协助", CommunityFunction.HealthAndFamily, "病历", 5),
        ("爱国卫生与病媒生物防制", CommunityFunction.EnvironmentAndProperty, "无", 10),
        ("生活垃圾分类宣传指导", CommunityFunction.EnvironmentAndProperty, "无", 5),
    ];

    public static IReadOnlyList<string> ListTwoNames => [.. ListTwo.Select(i => i.Name)];

    public static async Task SeedAsync(IServiceProvider services, string districtCode)
    {
        var db = services.GetRequiredService<ShequDbContext>();
        var sealer = services.GetRequiredService<IPersonalDataSealer>();
        var time = services.GetRequiredService<TimeProvider>();
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var nowLocal = time.GetLocalNow().DateTime;
        var nowUtc = time.GetUtcNow().UtcDateTime;

        var items = new List<ServiceItem>();
        void Add(string prefix, DutyList list, IReadOnlyList<(string Name, CommunityFunction Function, string Materials, int Days)> defs)
        {
            for (var i = 0; i < defs.Count; i++)
            {
                var (name, function, materials, days) = defs[i];
                var item = ServiceItem.Define(districtCode, $"{prefix}-{i + 1:00}", name, function, ServiceItemKind.Fixed, list);
                item.Revise(
                    $"{name}：材料齐全的当场受理，{days} 个工作日内办结并告知结果；材料不全的一次性告知需补齐的材料。行动不便的居民可预约上门办理。",
                    [("受理登记", 0, materials), ("审核核实", Math.Max(1, days / 2), null), ("办结反馈", days, null)]);
                item.Publish(today.AddDays(-60));
                items.Add(item);
            }
        }

        Add("L1", DutyList.LegalDuty, ListOne);
        Add("L2", DutyList.AssistGovernment, ListTwo);
        db.ServiceItems.AddRange(items);
        await db.SaveChangesAsync();

        var workers = await db.Workers.Include(w => w.Assignments).OrderBy(w => w.Id).ToListAsync();
        var households = await db.Households.AsNoTracking().ToDictionaryAsync(h => h.Id);
        var visits = await db.WorkLog.AsNoTracking().Where(e => e.Category == WorkCategory.HomeVisit).OrderBy(e => e.Id).ToListAsync();
        var n = 0;
        foreach (var entry in visits)
        {
            var worker = workers.Single(w => w.Id == entry.WorkerId);
            foreach (var visit in entry.Visited)
            {
                // Three items per worker's visits, so each item has several households to draw evaluators from.
                var item = items[(n % 3 * 5) % items.Count];
                db.ServiceRecords.Add(ServiceRecord.Record(
                    new ServiceDelivery(item, worker, households[visit.HouseholdId], null, entry.Date.ToDateTime(new TimeOnly(9 + (n % 8), 0)),
                        n % 4 == 3 ? ServiceMode.OnCall : ServiceMode.ProactiveVisit, n % 5 == 4 ? ProviderType.Volunteer : ProviderType.Staff,
                        ServiceOutcome.Completed, 30 + (n % 4 * 15), "上门代办并讲解政策", entry.Id),
                    nowLocal, nowUtc, "seed"));
                n++;
            }
        }

        // The first community's social worker and the neighbouring grid worker both served twelve households of its street
        // (ones neither visited otherwise), so an evaluation slip there can name two workers.
        if (workers.Count > 1)
        {
            var visitedByEither = visits.Where(v => v.WorkerId == workers[0].Id || v.WorkerId == workers[1].Id).SelectMany(v => v.Visited).Select(v => v.HouseholdId).ToHashSet();
            var shared = households.Values.Where(h => h.RegionCode.StartsWith(workers[0].Assignments[0].RegionCode[..9], StringComparison.Ordinal) && !visitedByEither.Contains(h.Id))
                .OrderBy(h => h.Id).Take(12).ToList();
            foreach (var (worker, item, hour) in new[] { (workers[0], items.Single(i => i.Code == "L2-04"), 10), (workers[1], items.Single(i => i.Code == "L2-07"), 15) })
            {
                foreach (var h in shared)
                {
                    db.ServiceRecords.Add(ServiceRecord.Record(
                        new ServiceDelivery(item, worker, h, null, today.AddDays(-2).ToDateTime(new TimeOnly(hour, 0)), ServiceMode.ProactiveVisit, ProviderType.Staff, ServiceOutcome.Completed, 30, "上门代办"),
                        nowLocal, nowUtc, "seed"));
                }
            }
        }

        var street = workers.FirstOrDefault()?.RegionCode;
        if (street is not null)
        {
            var communities = workers.SelectMany(w => w.Assignments).Select(a => a.RegionCode).Distinct().ToList();
            db.WorkTasks.Add(WorkTask.Routine(street, "每周消防安全巡查", "检查楼道堆物、消防通道和电动车充电，发现隐患当场劝改并记录。",
                new Recurrence(RecurrenceFrequency.Weekly, 5), today.AddDays(-28), null, [.. communities.Select(TaskAssignee.Community)]));
            db.WorkTasks.Add(WorkTask.Routine(street, "月度重点人群台账更新", "更新独居、高龄、低保等重点人群台账。",
                new Recurrence(RecurrenceFrequency.Monthly, 0), today.AddMonths(-3), null, [.. workers.Select(TaskAssignee.Worker)]));
            var surge = WorkTask.Surge(street, "冬季防寒保暖排查", "逐户排查独居老人取暖设施，登记需要帮扶的住户。", today.AddDays(10), today, [.. workers.Take(3).Select(TaskAssignee.Worker)]);
            db.WorkTasks.Add(surge);
        }

        await db.SaveChangesAsync();
        await SeedRequestsAsync(db, sealer, workers, nowUtc);
    }

    private static async Task SeedRequestsAsync(ShequDbContext db, IPersonalDataSealer sealer, List<Worker> workers, DateTime nowUtc)
    {
        if (workers.Count == 0)
        {
            return;
        }

        var categories = await db.RequestCategories.ToDictionaryAsync(c => c.Code);
        var community = workers[0].Assignments[0].RegionCode;
        var handler = workers[0].Id;
        ServiceRequest New(string code, string title, string text, string? location, RequestChannel channel, DateTime at)
        {
            var r = ServiceRequest.Collect(new RequestIntake(channel, community, categories[code], title, text, location, "王阿姨", null),
                Access.PrivateLinks.New().Hash, channel == RequestChannel.Public ? ServiceRequest.RequesterActor : "demo-staff", at, sealer);
            db.ServiceRequests.Add(r);
            return r;
        }

        New("S0101", "楼道灯不亮", "3 号楼 2 单元楼道灯坏了一周，晚上上下楼看不见。", "3 号楼 2 单元", RequestChannel.Public, nowUtc.AddHours(-3));

        var late = New("E01", "小区门口垃圾堆放", "小区东门外垃圾桶满溢，已两天无人清运。", "东门", RequestChannel.Field, nowUtc.AddDays(-3));
        late.MoveTo(RequestStage.Opened, "demo-staff", nowUtc.AddDays(-3).AddMinutes(20));
        late.MoveTo(RequestStage.Dispatched, "demo-staff", nowUtc.AddDays(-3).AddMinutes(30), handlerWorkerId: handler, timeLimitHours: 48);

        var reported = New("S0103", "下水道堵塞", "一楼厨房下水返水。", "5 号楼 101", RequestChannel.Desk, nowUtc.AddDays(-1));
        reported.MoveTo(RequestStage.Opened, "demo-staff", nowUtc.AddDays(-1).AddMinutes(5));
        reported.MoveTo(RequestStage.Dispatched, "demo-staff", nowUtc.AddDays(-1).AddMinutes(10), handlerWorkerId: handler, timeLimitHours: 24);
        reported.MoveTo(RequestStage.Handling, "demo-staff", nowUtc.AddDays(-1).AddHours(1));
        reported.MoveTo(RequestStage.Reported, "demo-staff", nowUtc.AddHours(-5), "已联系物业疏通，恢复正常。");

        var closed = New("S03", "开具居住证明", "需要开具居住证明用于孩子入学。", null, RequestChannel.Desk, nowUtc.AddDays(-2));
        closed.MoveTo(RequestStage.Opened, "demo-staff", nowUtc.AddDays(-2).AddMinutes(5));
        closed.MoveTo(RequestStage.Dispatched, "demo-staff", nowUtc.AddDays(-2).AddMinutes(6), handlerWorkerId: handler, timeLimitHours: 24);
        closed.MoveTo(RequestStage.Handling, "demo-staff", nowUtc.AddDays(-2).AddMinutes(10));
        closed.MoveTo(RequestStage.Reported, "demo-staff", nowUtc.AddDays(-2).AddHours(2), "证明已开具，居民已领取。");
        closed.MoveTo(RequestStage.Closed, "demo-street", nowUtc.AddDays(-2).AddHours(3), "居住证明已开具，由居民本人领取。", separateDuties: true);

        // One case with the community's property company, for the handling unit's demo account.
        if (await db.HandlingUnits.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Name == Seeding.DemoDistrict.PropertyUnit) is { } property && property.Serves(community))
        {
            var leak = New("S0103", "楼顶水箱漏水", "7 号楼楼顶水箱漏水，顶楼住户天花板渗水。", "7 号楼", RequestChannel.Desk, nowUtc.AddHours(-6));
            leak.MoveTo(RequestStage.Opened, "demo-staff", nowUtc.AddHours(-6).AddMinutes(5));
            leak.MoveTo(RequestStage.Dispatched, "demo-staff", nowUtc.AddHours(-6).AddMinutes(10), timeLimitHours: 24, handler: RequestHandler.Unit(property.Id));
        }

        await db.SaveChangesAsync();
    }
}
