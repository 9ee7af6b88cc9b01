using Shequ.Domain.Common;
using Shequ.Domain.Organization;

namespace Shequ.Domain.Workforce;

/// <summary>E8-5: administrative-establishment staff and professional social workers are managed separately.</summary>
public enum EmploymentCategory
{
    AdministrativeEstablishment = 1,
    ProfessionalSocialWorker = 2,
    Other = 3,
}

/// <summary>Social-work qualification levels.</summary>
public enum Qualification
{
    None = 0,
    AssistantSocialWorker = 1,
    SocialWorker = 2,
    SeniorSocialWorker = 3,
}

/// <summary>One community or grid a worker serves.</summary>
public sealed class WorkerAssignment
{
    private WorkerAssignment()
    {
        RegionCode = string.Empty;
    }

    public int Id { get; private set; }

    public int RegionId { get; private set; }

    public string RegionCode { get; private set; }

    internal static WorkerAssignment For(Region region) => new() { RegionId = region.Id, RegionCode = region.Code };
}

/// <summary>Pay components of one year (E2: pay tied to the assessment builds on these).</summary>
public sealed class PayComponents
{
    private PayComponents()
    {
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    public decimal Base { get; private set; }

    public decimal Seniority { get; private set; }

    public decimal PositionAllowance { get; private set; }

    public decimal Total => Base + Seniority + PositionAllowance;

    internal static PayComponents Of(int year, decimal basePay, decimal seniority, decimal allowance) =>
        new() { Year = year, Base = basePay, Seniority = seniority, PositionAllowance = allowance };
}

/// <summary>A relative the worker declared, so evaluations by family can be screened out (E2-7).</summary>
public sealed class DeclaredKin
{
    private DeclaredKin()
    {
        Relation = string.Empty;
    }

    public int Id { get; private set; }

    public int ResidentId { get; private set; }

    public string Relation { get; private set; }

    internal static DeclaredKin Of(int residentId, string relation) => new() { ResidentId = residentId, Relation = relation.Trim() };
}

/// <summary>A community worker: who they are, what they are qualified for, where they serve and what they are paid.</summary>
public sealed class Worker : Entity
{
    private readonly List<WorkerAssignment> _assignments = [];
    private readonly List<PayComponents> _pay = [];
    private readonly List<DeclaredKin> _kin = [];

    private Worker()
    {
        Name = string.Empty;
        Position = string.Empty;
        RegionCode = string.Empty;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string Position { get; private set; }

    /// <summary>The unit employing the worker (a street or community); scope follows it.</summary>
    public string RegionCode { get; private set; }

    public EmploymentCategory Category { get; private set; }

    public Qualification Qualification { get; private set; }

    public int? QualificationYear { get; private set; }

    public DateOnly StartDate { get; private set; }

    /// <summary>The worker's own staff account, when they have one.</summary>
    public string? StaffUserId { get; private set; }

    /// <summary>The worker's own household, when they also live in the district.</summary>
    public int? HouseholdId { get; private set; }

    public IReadOnlyList<WorkerAssignment> Assignments => _assignments;

    public IReadOnlyList<PayComponents> Pay => _pay;

    public IReadOnlyList<DeclaredKin> Kin => _kin;

    public static Worker Hire(Region employer, WorkerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(employer);
        CheckRule(new WorkersAreEmployedByAStreetOrCommunityRule(employer.Level));
        var worker = new Worker { RegionCode = employer.Code };
        worker.Apply(profile);
        return worker;
    }

    public void Update(WorkerProfile profile)
    {
        Apply(profile);
        Touch();
    }

    /// <summary>Replaces the communities and grids the worker serves; each must lie under the employer.</summary>
    public void AssignTo(IReadOnlyCollection<Region> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        CheckRule(new AssignmentsLieUnderTheEmployerRule(RegionCode, regions));
        _assignments.Clear();
        _assignments.AddRange(regions.DistinctBy(r => r.Code).Select(WorkerAssignment.For));
        Touch();
    }

    public void SetPay(int year, decimal basePay, decimal seniority, decimal allowance)
    {
        CheckRule(new PayComponentsAreNotNegativeRule(basePay, seniority, allowance));
        _pay.RemoveAll(p => p.Year == year);
        _pay.Add(PayComponents.Of(year, basePay, seniority, allowance));
        Touch();
    }

    public void LinkAccount(string? staffUserId)
    {
        StaffUserId = staffUserId;
        Touch();
    }

    public void LiveIn(int? householdId)
    {
        HouseholdId = householdId;
        Touch();
    }

    public void DeclareKin(int residentId, string relation)
    {
        CheckRule(new KinNeedsARelationRule(relation));
        _kin.RemoveAll(k => k.ResidentId == residentId);
        _kin.Add(DeclaredKin.Of(residentId, relation));
        Touch();
    }

    public void RemoveKin(int residentId)
    {
        _kin.RemoveAll(k => k.ResidentId == residentId);
        Touch();
    }

    /// <summary>Whole years of service on <paramref name="day"/>.</summary>
    public int SeniorityYears(DateOnly day)
    {
        var years = day.Year - StartDate.Year;
        return StartDate.AddYears(years) > day ? Math.Max(0, years - 1) : Math.Max(0, years);
    }

    private void Apply(WorkerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var name = Registry.PersonName.Normalize(profile.Name, out var problem);
        CheckRule(new WorkerNameIsValidRule(problem));
        CheckRule(new AQualificationHasAnExamYearRule(profile.Qualification, profile.QualificationYear, profile.StartDate));
        Name = name!;
        Position = (profile.Position ?? string.Empty).Trim();
        Category = Enum.IsDefined(profile.Category) ? profile.Category : EmploymentCategory.Other;
        Qualification = profile.Qualification;
        QualificationYear = profile.Qualification == Qualification.None ? null : profile.QualificationYear;
        StartDate = profile.StartDate;
    }
}

public sealed record WorkerProfile(string Name, string? Position, EmploymentCategory Category, Qualification Qualification, int? QualificationYear, DateOnly StartDate);

public sealed class WorkersAreEmployedByAStreetOrCommunityRule(RegionLevel level) : IBusinessRule
{
    public string Code => "Worker.Employer";

    public string Message => "社区工作者由街道/乡镇或社区/村聘用。";

    public bool IsBroken() => level is not (RegionLevel.Street or RegionLevel.Community);
}

public sealed class AssignmentsLieUnderTheEmployerRule(string employerCode, IReadOnlyCollection<Region> regions) : IBusinessRule
{
    public string Code => "Worker.Assignments";

    public string Message => "服务的社区/网格必须属于聘用单位。";

    public bool IsBroken()
    {
        var employerLevel = RegionCode.LevelOf(employerCode) ?? RegionLevel.Community;
        var prefix = RegionCode.SubtreePrefix(employerLevel, employerCode);
        return regions.Any(r => r.Level is not (RegionLevel.Community or RegionLevel.Grid) || !r.Code.StartsWith(prefix, StringComparison.Ordinal));
    }
}

public sealed class WorkerNameIsValidRule(string? problem) : IBusinessRule
{
    public string Code => "Worker.Name";

    public string Message => problem ?? string.Empty;

    public bool IsBroken() => problem is not null;
}

public sealed class AQualificationHasAnExamYearRule(Qualification qualification, int? year, DateOnly startDate) : IBusinessRule
{
    public string Code => "Worker.QualificationYear";

    public string Message => "持证社工须填写考试通过年份（2008 年首次全国考试以来）。";

    public bool IsBroken() => qualification != Qualification.None && (year is null || year < 2008 || year > startDate.Year + 60);
}

public sealed class PayComponentsAreNotNegativeRule(decimal basePay, decimal seniority, decimal allowance) : IBusinessRule
{
    public string Code => "Worker.Pay";

    public string Message => "薪酬各项不能为负数。";

    public bool IsBroken() => basePay < 0 || seniority < 0 || allowance < 0;
}

public sealed class KinNeedsARelationRule(string? relation) : IBusinessRule
{
    public string Code => "Worker.Kin";

    public string Message => "请注明亲属关系。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(relation) || relation.Trim().Length > 20;
}
