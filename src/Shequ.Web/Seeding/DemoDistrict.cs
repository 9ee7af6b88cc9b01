using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Data.Access;
using Shequ.Domain.Access;
using Shequ.Domain.Organization;
using Shequ.Web.Modules.Opinion;
using Shequ.Web.Modules.Registry;
using Shequ.Web.Modules.Services;

namespace Shequ.Web.Seeding;

/// <summary>
/// The demo district 明湖区 (fictional; code 320591): five streets/towns and 28 communities/villages,
/// as in E4-1's 28 pilot communities whose one-stop halls were 12 newly built, 13 renovated and 3 still
/// lacking premises. Each street has one work station serving its 4–6 communities (E8-11), and banking
/// service points of the three E3-2 types sit in ten of them. Deterministic: the same tree every time.
/// </summary>
public static class DemoDistrict
{
    public const string DistrictCode = "320591";
    public const string DistrictAdminUser = "demo-district";
    public const string StreetAdminUser = "demo-street";
    public const string CommunityStaffUser = "demo-staff";
    public const string InspectorUser = "demo-inspector";
    public const string VolunteerUser = "demo-volunteer";
    public const string UnitUser = "demo-unit";

    /// <summary>The demo's handling units: two district departments, a street's team and a community's property company.</summary>
    public const string PropertyUnit = "湖滨物业服务中心";
    public const string TransportUnit = "区交通运输局";

    private static readonly (string Code, string Name, (string Suffix, string Name, UrbanRuralClass Class)[] Communities)[] Streets =
    [
        ("320591001000", "湖滨街道",
        [
            ("001", "湖滨社区", UrbanRuralClass.MainUrbanArea), ("002", "柳岸社区", UrbanRuralClass.MainUrbanArea),
            ("003", "望湖社区", UrbanRuralClass.MainUrbanArea), ("004", "春晖社区", UrbanRuralClass.MainUrbanArea),
            ("005", "桂花社区", UrbanRuralClass.MainUrbanArea), ("006", "渔港社区", UrbanRuralClass.UrbanRuralFringe),
        ]),
        ("320591002000", "双塔街道",
        [
            ("001", "双塔社区", UrbanRuralClass.MainUrbanArea), ("002", "定慧社区", UrbanRuralClass.MainUrbanArea),
            ("003", "钟楼社区", UrbanRuralClass.MainUrbanArea), ("004", "文庙社区", UrbanRuralClass.MainUrbanArea),
            ("005", "书院社区", UrbanRuralClass.MainUrbanArea), ("006", "锦帆社区", UrbanRuralClass.MainUrbanArea),
        ]),
        ("320591003000", "金桥街道",
        [
            ("001", "金桥社区", UrbanRuralClass.MainUrbanArea), ("002", "新港社区", UrbanRuralClass.UrbanRuralFringe),
            ("003", "城南社区", UrbanRuralClass.UrbanRuralFringe), ("004", "虹桥社区", UrbanRuralClass.MainUrbanArea),
            ("005", "晨光社区", UrbanRuralClass.UrbanRuralFringe),
        ]),
        ("320591100000", "枫桥镇",
        [
            ("001", "枫桥社区", UrbanRuralClass.TownCentre), ("002", "寒山社区", UrbanRuralClass.TownCentre),
            ("003", "何山社区", UrbanRuralClass.TownRuralFringe), ("201", "白马涧村", UrbanRuralClass.Village),
            ("202", "青石村", UrbanRuralClass.Village), ("203", "长浜村", UrbanRuralClass.Village),
        ]),
        ("320591101000", "望亭镇",
        [
            ("001", "望亭社区", UrbanRuralClass.TownCentre), ("002", "御亭社区", UrbanRuralClass.TownRuralFringe),
            ("201", "迎湖村", UrbanRuralClass.Village), ("202", "项路村", UrbanRuralClass.Village),
            ("203", "宅基村", UrbanRuralClass.Village),
        ]),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "朱", "沈", "顾", "陆"];
    private static readonly string[] GivenNames = ["建国", "秀英", "志强", "丽华", "海燕", "文杰", "晓梅", "国平", "玉兰", "卫东", "慧敏", "振华"];
    private static readonly string[] Roads = ["人民路", "十全街", "干将路", "凤凰街", "枫桥路", "金山路", "太湖路", "望亭大街"];

    public static async Task SeedAsync(IServiceProvider services, string demoPassword, bool createAccounts)
    {
        var db = services.GetRequiredService<ShequDbContext>();
        var district = Region.Create(null, DistrictCode, "明湖区");
        db.Regions.Add(district);

        var hallStatuses = Enumerable.Repeat(HallStatus.NewlyBuilt, 12)
            .Concat(Enumerable.Repeat(HallStatus.Renovated, 13))
            .Concat(Enumerable.Repeat(HallStatus.LacksPremises, 3))
            .ToArray();
        ServicePointType[] pointTypes = [ServicePointType.Demonstration, ServicePointType.Standard, ServicePointType.Simple];
        var n = 0;
        Region? firstStreet = null;
        Region? firstCommunity = null;
        foreach (var (streetCode, streetName, communities) in Streets)
        {
            var street = Region.Create(district, streetCode, streetName);
            db.Regions.Add(street);
            firstStreet ??= street;
            var served = new List<Region>();
            foreach (var (suffix, name, cls) in communities)
            {
                var community = Region.Create(street, streetCode[..9] + suffix, name, cls);
                db.Regions.Add(community);
                firstCommunity ??= community;
                served.Add(community);
                var grids = 3 + (n % 3);
                for (var g = 1; g <= grids; g++)
                {
                    db.Regions.Add(Region.Create(community, community.Code + g.ToString("000", System.Globalization.CultureInfo.InvariantCulture), $"{name}第{g}网格"));
                }

                db.ServiceSites.Add(ServiceSite.Create(ServiceSiteKind.ServiceHall, community, new SiteDetails(
                    $"{name}党群服务中心一站式服务大厅", Address(n), "周一至周六 8:30–17:30", Person(n), Phone(n), HallStatus: hallStatuses[n])));
                if (n % 3 == 0 || cls == UrbanRuralClass.Village)
                {
                    db.ServiceSites.Add(ServiceSite.Create(ServiceSiteKind.ServicePoint, community, new SiteDetails(
                        $"{name}助农金融服务点", Address(n + 7), "周一至周五 9:00–16:30", Person(n + 3), Phone(n + 50), PointType: pointTypes[n % 3])));
                }

                n++;
            }

            db.ServiceSites.Add(ServiceSite.Create(ServiceSiteKind.WorkStation, street, new SiteDetails(
                $"{streetName}社区工作站", Address(n + 13), "周一至周五 8:30–17:00", Person(n + 5), Phone(n + 90)), served));
        }

        db.HandlingUnits.AddRange(
            HandlingUnit.Register("区住房和城乡建设局", Shequ.Domain.Opinion.UnitKind.Department, district.Code, "房管科", "0512-65201001"),
            HandlingUnit.Register(TransportUnit, Shequ.Domain.Opinion.UnitKind.Department, district.Code, "运输管理科", "0512-65201002"),
            HandlingUnit.Register($"{firstStreet!.Name}城管中队", Shequ.Domain.Opinion.UnitKind.Street, firstStreet.Code, Person(41), Phone(41)),
            HandlingUnit.Register(PropertyUnit, Shequ.Domain.Opinion.UnitKind.Partner, firstCommunity!.Code, Person(42), Phone(42)));
        await db.SaveChangesAsync();
        await SeedHouseholdsAsync(services, perGrid: 2, seed: 20261125);

        if (createAccounts)
        {
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            await EnsureRolesAsync(services);
            await CreateAccountAsync(users, DistrictAdminUser, "区级演示账号", Roles.DistrictAdmin, district, demoPassword);
            await CreateAccountAsync(users, StreetAdminUser, "街道演示账号", Roles.StreetAdmin, firstStreet!, demoPassword);
            await CreateAccountAsync(users, CommunityStaffUser, "社区演示账号", Roles.CommunityStaff, firstCommunity!, demoPassword);
            await CreateAccountAsync(users, InspectorUser, "督查演示账号", Roles.Inspector, district, demoPassword);
            await CreateAccountAsync(users, VolunteerUser, "民意志愿者演示账号", Roles.OpinionVolunteer, firstCommunity!, demoPassword);
            var property = await db.HandlingUnits.SingleAsync(u => u.Name == PropertyUnit);
            await CreateAccountAsync(users, UnitUser, PropertyUnit, Roles.UnitHandler, firstCommunity!, demoPassword, property.Id);
        }

        await SeedWorkersAsync(services, firstStreet!, createAccounts ? await services.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(CommunityStaffUser) : null);
        await DemoServices.SeedAsync(services, DistrictCode);
        await DemoOpinion.SeedAsync(services);

        // The current quarter and year are open for assessment.
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetLocalNow().Date);
        db.AssessmentPeriods.Add(Shequ.Domain.Assessment.AssessmentPeriod.For(DistrictCode, today.Year, ((today.Month - 1) / 3) + 1));
        db.AssessmentPeriods.Add(Shequ.Domain.Assessment.AssessmentPeriod.For(DistrictCode, today.Year, null));
        await db.SaveChangesAsync();
    }

    /// <summary>Adds generated households to every grid of the demo district (the same generator serves the benchmarks).</summary>
    public static async Task<int> SeedHouseholdsAsync(IServiceProvider services, int perGrid, int seed)
    {
        var db = services.GetRequiredService<ShequDbContext>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetLocalNow().Date);
        var generator = new RegistryGenerator(seed, services.GetRequiredService<Shequ.Domain.Common.IPersonalDataSealer>(), today);
        var grids = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Regions.Where(r => r.Level == RegionLevel.Grid && r.Code.StartsWith(DistrictCode)).OrderBy(r => r.Code));
        var residents = 0;
        foreach (var grid in grids)
        {
            for (var i = 0; i < perGrid; i++)
            {
                var generated = generator.Next(grid, DistrictCode);
                db.Households.Add(generated.Household);
                db.Residents.AddRange(generated.Members.Select(m => m.Resident));
                residents += generated.Members.Count;
            }
        }

        await db.SaveChangesAsync();
        return residents;
    }

    /// <summary>
    /// A worker per community of the first street, one a professional social worker linked to the demo staff
    /// account, with a few weeks of work logs that visit some households, so visits due and the week view show data.
    /// </summary>
    private static async Task SeedWorkersAsync(IServiceProvider services, Region street, StaffUser? demoStaff)
    {
        var db = services.GetRequiredService<ShequDbContext>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetLocalNow().Date);
        var communities = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Regions.Where(r => r.ParentId == street.Id).OrderBy(r => r.Code));
        Shequ.Domain.Workforce.Qualification[] levels = [Shequ.Domain.Workforce.Qualification.SocialWorker, Shequ.Domain.Workforce.Qualification.AssistantSocialWorker, Shequ.Domain.Workforce.Qualification.None];
        var n = 0;
        foreach (var community in communities)
        {
            var qualification = levels[n % levels.Length];
            var worker = Shequ.Domain.Workforce.Worker.Hire(street, new Shequ.Domain.Workforce.WorkerProfile(
                Person(n + 11), n == 0 ? "社区社工" : "网格员",
                n % 2 == 0 ? Shequ.Domain.Workforce.EmploymentCategory.ProfessionalSocialWorker : Shequ.Domain.Workforce.EmploymentCategory.AdministrativeEstablishment,
                qualification, qualification == Shequ.Domain.Workforce.Qualification.None ? null : 2015 + n, today.AddYears(-(2 + (n * 3))).AddDays(-n * 17)));
            worker.AssignTo([community]);
            worker.SetPay(today.Year, 4200 + (n * 150), 100 * worker.SeniorityYears(today), n == 0 ? 800 : 400);
            if (n == 0 && demoStaff is not null)
            {
                worker.LinkAccount(demoStaff.Id);
            }

            db.Workers.Add(worker);
            n++;
        }

        await db.SaveChangesAsync();

        var workers = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.Workers, w => w.Assignments));
        foreach (var worker in workers)
        {
            var prefix = worker.Assignments[0].RegionCode;
            var households = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Households.Where(h => h.RegionCode.StartsWith(prefix)).OrderBy(h => h.Id).Select(h => h.Id));
            for (var day = 1; day <= 20; day += 3)
            {
                var visited = households.Skip(day % Math.Max(1, households.Count)).Take(2).ToList();
                db.WorkLog.Add(visited.Count > 0
                    ? Shequ.Domain.Workforce.WorkLogEntry.Record(worker, today.AddDays(-day), today, Shequ.Domain.Workforce.WorkCategory.HomeVisit, 90, "入户走访，了解生活需求", visited)
                    : Shequ.Domain.Workforce.WorkLogEntry.Record(worker, today.AddDays(-day), today, Shequ.Domain.Workforce.WorkCategory.Records, 60, "整理台账", []));
                db.WorkLog.Add(Shequ.Domain.Workforce.WorkLogEntry.Record(worker, today.AddDays(-day), today, Shequ.Domain.Workforce.WorkCategory.Meeting, 45, "社区例会", []));
            }
        }

        await db.SaveChangesAsync();
    }

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var key in Roles.All)
        {
            if (!await roles.RoleExistsAsync(key))
            {
                await roles.CreateAsync(new IdentityRole(key));
            }
        }
    }

    private static async Task CreateAccountAsync(UserManager<StaffUser> users, string name, string display, string role, Region region, string password, int? unitId = null)
    {
        var user = new StaffUser { UserName = name, DisplayName = display, RegionId = region.Id, UnitId = unitId, CreatedAtUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
    }

    internal static string Person(int i) => Surnames[i % Surnames.Length] + GivenNames[(i * 7) % GivenNames.Length];

    private static string Phone(int i) => $"0512-6{(5200000 + (i * 7919 % 800000)).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static string Address(int i) => $"明湖区{Roads[i % Roads.Length]}{(i * 37 % 300) + 1}号";
}
