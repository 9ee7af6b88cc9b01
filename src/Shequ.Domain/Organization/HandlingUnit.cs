using Shequ.Domain.Common;
using Shequ.Domain.Opinion;

namespace Shequ.Domain.Organization;

/// <summary>
/// 承办单位: a party outside the community office that requests and suggestions are routed to (a district
/// department, a property company, a partner). It has its own accounts, which see and answer only what was
/// routed to it. Its region is the area it serves: only matters inside it can be routed to it.
/// </summary>
public sealed class HandlingUnit : Entity
{
    public const int MaxName = 60;

    private HandlingUnit()
    {
        Name = string.Empty;
        RegionCode = string.Empty;
        AreaPrefix = string.Empty;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public UnitKind Kind { get; private set; }

    public string RegionCode { get; private set; }

    /// <summary>The subtree prefix of <see cref="RegionCode"/>: matters whose region starts with it are in the unit's area.</summary>
    public string AreaPrefix { get; private set; }

    public string? ContactPerson { get; private set; }

    public string? ContactPhone { get; private set; }

    public bool IsActive { get; private set; } = true;

    public static HandlingUnit Register(string name, UnitKind kind, string regionCode, string? contactPerson, string? contactPhone)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(regionCode);
        CheckRule(new AUnitHasANameRule(name));
        CheckRule(new Requests.TextFitsRule("Unit.Contact", "联系人不超过 30 字，电话不超过 30 字。", contactPerson, 30));
        CheckRule(new Requests.TextFitsRule("Unit.Contact", "联系人不超过 30 字，电话不超过 30 字。", contactPhone, 30));
        return new HandlingUnit
        {
            Name = name.Trim(),
            Kind = kind,
            RegionCode = regionCode,
            AreaPrefix = Organization.RegionCode.FilterPrefix(regionCode) ?? regionCode,
            ContactPerson = string.IsNullOrWhiteSpace(contactPerson) ? null : contactPerson.Trim(),
            ContactPhone = string.IsNullOrWhiteSpace(contactPhone) ? null : contactPhone.Trim(),
        };
    }

    /// <summary>Whether a matter in <paramref name="regionCode"/> lies in the area this unit serves.</summary>
    public bool Serves(string regionCode) => IsActive && regionCode is not null && regionCode.StartsWith(AreaPrefix, StringComparison.Ordinal);

    public void SetActive(bool active)
    {
        IsActive = active;
        Touch();
    }
}

public sealed class AUnitHasANameRule(string? name) : IBusinessRule
{
    public string Code => "Unit.Name";

    public string Message => $"请填写单位名称（不超过 {HandlingUnit.MaxName} 字）。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(name) || name.Trim().Length > HandlingUnit.MaxName;
}
