using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Opinion;

namespace Shequ.Web.Modules.Opinion;

/// <summary>
/// The demo district's public opinion: three leaders per street taking turns, this year's contact days for
/// every community (published in the first street), attendance on the days already held, and suggestions from
/// last month's day in the first community, some routed and answered.
/// </summary>
public static class DemoOpinion
{
    private static readonly (string Title, string Surname)[] Posts = [("街道党工委书记", "郑"), ("街道办事处主任", "冯"), ("街道人大工委主任", "韩")];

    private static readonly string[] Texts =
    [
        "小区门口的公交站台太远，老人上下车不方便，希望往前挪一点",
        "公交站台离小区门口太远，老人走过去很吃力",
        "垃圾分类投放点太臭，夏天蚊蝇多，希望每天清运两次",
        "楼道里电动车充电，担心引发火灾",
        "希望社区卫生服务中心增加周末门诊",
        "独居老人没人照看，希望定期上门探望",
    ];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<ShequDbContext>();
        var desk = services.GetRequiredService<OpinionDesk>();
        var streets = await db.Regions.Where(r => r.Level == RegionLevel.Street).OrderBy(r => r.Code).ToListAsync();
        var n = 0;
        foreach (var street in streets)
        {
            foreach (var (title, surname) in Posts)
            {
                db.ContactLeaders.Add(ContactLeader.Appoint(street.Code, surname + (n++ % 2 == 0 ? "建华" : "立新"), title));
            }
        }

        await db.SaveChangesAsync();
        var today = desk.Today;
        await desk.PlanYearAsync(today.Year, null, default);

        var first = streets[0].Code[..9];
        var days = await db.ContactDays.Where(d => d.CommunityCode.StartsWith(first)).ToListAsync();
        foreach (var day in days)
        {
            day.Publish(true);
            if (day.Date <= today)
            {
                day.RecordAttendance(20 + (day.Date.Month * 3 % 17), day.Date.Month % 4, day.Date.Month % 3, today);
            }
        }

        await db.SaveChangesAsync();
        var held = days.Where(d => d.Date <= today).OrderByDescending(d => d.Date).ThenBy(d => d.CommunityCode).FirstOrDefault();
        if (held is null)
        {
            return;
        }

        var submitted = new List<Suggestion>();
        foreach (var text in Texts)
        {
            var result = await desk.SubmitAsync(new SuggestionInput(held.CommunityCode, text, null, null, false), SuggestionSource.ContactDay, "demo-volunteer", anyCommunity: true, default, contactDayId: held.Id);
            submitted.Add(result.Suggestion!);
        }

        var transport = submitted[0];
        transport.ConfirmCategory(transport.SuggestedCategory, "demo-staff");
        var transportUnit = await db.HandlingUnits.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Name == Seeding.DemoDistrict.TransportUnit);
        transport.Route(UnitKind.Department, Seeding.DemoDistrict.TransportUnit, today.AddDays(desk.Options.ReplyDays), today, transportUnit?.Id);
        var garbage = submitted[2];
        garbage.ConfirmCategory(garbage.SuggestedCategory, "demo-staff");
        garbage.Route(UnitKind.Street, streets[0].Name, today.AddDays(7), today);
        garbage.Answer("已与环卫所协调，投放点改为每日早晚各清运一次，并加装除臭设备。", streets[0].Name, desk.NowUtc, today);
        garbage.Publish(true, "demo-street", desk.NowUtc);
        await db.SaveChangesAsync();
    }
}
