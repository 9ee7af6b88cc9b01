using Shequ.Domain.Common;

namespace Shequ.Domain.Services;

/// <summary>The community function an item serves (the essays' service-hall windows).</summary>
public enum CommunityFunction
{
    CivilAffairs = 1,
    SocialSecurity = 2,
    HealthAndFamily = 3,
    Employment = 4,
    ElderlyAndDisability = 5,
    SafetyAndMediation = 6,
    EnvironmentAndProperty = 7,
    CultureAndEducation = 8,
    PartyAndVolunteers = 9,
    Other = 99,
}

/// <summary>E5-2: a standing service, or one run for a season or an event.</summary>
public enum ServiceItemKind
{
    Fixed = 1,
    Temporary = 2,
}

/// <summary>E8-1: list 1 are the committee's duties by law; list 2 are matters where it assists government.</summary>
public enum DutyList
{
    LegalDuty = 1,
    AssistGovernment = 2,
}

/// <summary>One step of a service flow: what happens, in how many working days, with which materials.</summary>
public sealed class ServiceStep
{
    private ServiceStep()
    {
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public int Order { get; private set; }

    public string Name { get; private set; }

    public int? TimeLimitDays { get; private set; }

    public string? Materials { get; private set; }

    public static ServiceStep Of(int order, string name, int? timeLimitDays, string? materials) =>
        new() { Order = order, Name = name.Trim(), TimeLimitDays = timeLimitDays, Materials = string.IsNullOrWhiteSpace(materials) ? null : materials.Trim() };
}

/// <summary>A version of an item's published standard (服务规范) and flow (服务流程). Published versions never change.</summary>
public sealed class ServiceItemVersion
{
    private readonly List<ServiceStep> _steps = [];

    private ServiceItemVersion()
    {
        Standard = string.Empty;
    }

    public int Id { get; private set; }

    public int Number { get; private set; }

    public string Standard { get; private set; }

    public DateOnly? PublishedOn { get; private set; }

    public IReadOnlyList<ServiceStep> Steps => _steps;

    public bool IsPublished => PublishedOn is not null;

    internal static ServiceItemVersion Draft(int number, string standard, IEnumerable<ServiceStep> steps)
    {
        var v = new ServiceItemVersion { Number = number, Standard = standard.Trim() };
        v._steps.AddRange(steps);
        return v;
    }

    internal void Replace(string standard, IEnumerable<ServiceStep> steps)
    {
        Standard = standard.Trim();
        _steps.Clear();
        _steps.AddRange(steps);
    }

    internal void Publish(DateOnly on) => PublishedOn = on;
}

/// <summary>
/// A service the community offers (E2-1), defined by the district, a street or one community and offered in
/// every community under it. Its standard and flow are versioned: editing writes a draft, publishing makes the
/// draft the current version residents see.
/// </summary>
public sealed class ServiceItem : Entity
{
    public const int MaxSteps = 20;

    private readonly List<ServiceItemVersion> _versions = [];

    private ServiceItem()
    {
        RegionCode = string.Empty;
        Code = string.Empty;
        Name = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The region that defines the item; it applies to every community whose code starts with it.</summary>
    public string RegionCode { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public CommunityFunction Function { get; private set; }

    public ServiceItemKind Kind { get; private set; }

    public DutyList List { get; private set; }

    public bool IsActive { get; private set; } = true;

    public IReadOnlyList<ServiceItemVersion> Versions => _versions;

    public ServiceItemVersion? Current => _versions.Where(v => v.IsPublished).MaxBy(v => v.Number);

    public ServiceItemVersion? PendingDraft => _versions.SingleOrDefault(v => !v.IsPublished);

    public static ServiceItem Define(string regionCode, string code, string name, CommunityFunction function, ServiceItemKind kind, DutyList list)
    {
        CheckRule(new AnItemHasACodeAndANameRule(code, name));
        return new ServiceItem { RegionCode = regionCode, Code = code.Trim(), Name = name.Trim(), Function = function, Kind = kind, List = list };
    }

    public void Rename(string name, CommunityFunction function, ServiceItemKind kind, DutyList list)
    {
        CheckRule(new AnItemHasACodeAndANameRule(Code, name));
        (Name, Function, Kind, List) = (name.Trim(), function, kind, list);
        Touch();
    }

    /// <summary>Writes the draft of the next version (replacing an earlier unpublished draft).</summary>
    public ServiceItemVersion Revise(string standard, IReadOnlyList<(string Name, int? Days, string? Materials)> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        CheckRule(new AStandardSaysWhatResidentsCanExpectRule(standard));
        CheckRule(new AFlowHasNamedStepsRule(steps));
        var ordered = steps.Select((s, i) => ServiceStep.Of(i + 1, s.Name, s.Days, s.Materials)).ToList();
        Touch();
        if (PendingDraft is { } draft)
        {
            draft.Replace(standard, ordered);
            return draft;
        }

        var next = ServiceItemVersion.Draft((_versions.Count == 0 ? 0 : _versions.Max(v => v.Number)) + 1, standard, ordered);
        _versions.Add(next);
        return next;
    }

    public ServiceItemVersion Publish(DateOnly today)
    {
        CheckRule(new OnlyADraftIsPublishedRule(PendingDraft is not null));
        var draft = PendingDraft!;
        draft.Publish(today);
        Touch();
        return draft;
    }

    public void SetActive(bool active)
    {
        IsActive = active;
        Touch();
    }

    /// <summary>Whether the item is offered in the community with this code.</summary>
    public bool AppliesTo(string communityCode) => communityCode.StartsWith(RegionCode, StringComparison.Ordinal);
}

public sealed class AnItemHasACodeAndANameRule(string? code, string? name) : IBusinessRule
{
    public string Code => "ServiceItem.Name";

    public string Message => "服务事项须有编号（不超过 20 字）和名称（不超过 60 字）。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(code) || code.Trim().Length > 20 || string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60;
}

public sealed class AStandardSaysWhatResidentsCanExpectRule(string? standard) : IBusinessRule
{
    public string Code => "ServiceItem.Standard";

    public string Message => "请填写服务规范（不超过 4000 字）。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(standard) || standard.Trim().Length > 4000;
}

public sealed class AFlowHasNamedStepsRule(IReadOnlyList<(string Name, int? Days, string? Materials)> steps) : IBusinessRule
{
    public string Code => "ServiceItem.Steps";

    public string Message => $"服务流程须有 1 至 {ServiceItem.MaxSteps} 个步骤，每步有名称（不超过 60 字），时限为 0 至 90 个工作日，材料不超过 500 字。";

    public bool IsBroken() => steps.Count is 0 or > ServiceItem.MaxSteps
        || steps.Any(s => string.IsNullOrWhiteSpace(s.Name) || s.Name.Trim().Length > 60 || s.Days is < 0 or > 90 || s.Materials?.Length > 500);
}

public sealed class OnlyADraftIsPublishedRule(bool hasDraft) : IBusinessRule
{
    public string Code => "ServiceItem.Publish";

    public string Message => "没有待发布的新版本。";

    public bool IsBroken() => !hasDraft;
}
