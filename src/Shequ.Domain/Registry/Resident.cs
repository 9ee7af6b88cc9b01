using Shequ.Domain.Common;

namespace Shequ.Domain.Registry;

public enum RelationToHead
{
    Head = 1,
    Spouse = 2,
    Child = 3,
    Parent = 4,
    Grandchild = 5,
    Grandparent = 6,
    Sibling = 7,
    ChildInLaw = 8,
    Other = 9,
}

public enum ResidentStatus
{
    Living = 1,
    TemporarilyAway = 2,
    MovedOut = 3,
    Deceased = 4,
}

/// <summary>E5-2: regular or key service recipient, the latter with a reason from the family situation.</summary>
public enum CareLevel
{
    Regular = 1,
    Key = 2,
}

/// <summary>A person registered in a household. ID number and phone are sealed; name and birth date are not.</summary>
public sealed class Resident : Entity
{
    public const string IdPurpose = "resident.id";
    public const string PhonePurpose = "resident.phone";

    private readonly List<GroupMembership> _groups = [];

    private Resident()
    {
        Name = string.Empty;
        RegionCode = string.Empty;
        IdCipher = string.Empty;
        IdIndex = string.Empty;
    }

    public int Id { get; private set; }

    public int HouseholdId { get; private set; }

    public Household? Household { get; private set; }

    /// <summary>The household's region code, copied for the scope filter.</summary>
    public string RegionCode { get; private set; }

    public string Name { get; private set; }

    public string IdCipher { get; private set; }

    /// <summary>Blind index of the ID number: exact lookup, and one person registered once (unique).</summary>
    public string IdIndex { get; private set; }

    public Sex Sex { get; private set; }

    public DateOnly BirthDate { get; private set; }

    public string? PhoneCipher { get; private set; }

    public string? PhoneIndex { get; private set; }

    public RelationToHead Relation { get; private set; }

    public ResidentStatus Status { get; private set; }

    public CareLevel CareLevel { get; private set; } = CareLevel.Regular;

    public string? CareReason { get; private set; }

    public IReadOnlyList<GroupMembership> Groups => _groups;

    /// <summary>Groups the resident belongs to on <paramref name="day"/>, including the age groups the ID number implies.</summary>
    public IReadOnlyCollection<SpecialGroup> GroupsOn(DateOnly day)
    {
        var groups = _groups.Where(g => g.IsActiveOn(day)).Select(g => g.Group).ToHashSet();
        var age = AgeOn(day);
        if (age >= 60)
        {
            groups.Add(SpecialGroup.Elderly60);
        }

        if (age >= 80)
        {
            groups.Add(SpecialGroup.Elderly80);
        }

        if (age < 18)
        {
            groups.Add(SpecialGroup.Minor);
        }

        return groups;
    }

    /// <summary>Records that the resident belongs to a group from <paramref name="since"/>; a disability needs the holder's own certificate.</summary>
    public void JoinGroup(SpecialGroup group, DateOnly since, DateOnly today, string? evidence, DisabilityCertificate? certificate, IdNumber holder, IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        CheckRule(new MembershipDatesMustBeInOrderRule(since, null, today));
        CheckRule(new DisabilityNeedsACertificateOfTheSamePersonRule(group, certificate, holder));
        foreach (var open in _groups.Where(g => g.Group == group && g.Until is null))
        {
            open.End(since.AddDays(-1) < open.Since ? open.Since : since.AddDays(-1));
        }

        _groups.Add(GroupMembership.Start(group, since, evidence, certificate, sealer));
        Touch();
    }

    public void LeaveGroup(SpecialGroup group, DateOnly until)
    {
        foreach (var open in _groups.Where(g => g.Group == group && g.Until is null))
        {
            CheckRule(new MembershipDatesMustBeInOrderRule(open.Since, until, until));
            open.End(until);
        }

        Touch();
    }

    public static Resident Register(Household household, string name, IdNumber id, MobileNumber? phone, RelationToHead relation, IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(household);
        var resident = new Resident { Household = household, HouseholdId = household.Id, RegionCode = household.RegionCode, Status = ResidentStatus.Living };
        resident.Apply(name, id, phone, relation, sealer);
        return resident;
    }

    public void Update(string name, IdNumber id, MobileNumber? phone, RelationToHead relation, IPersonalDataSealer sealer)
    {
        Apply(name, id, phone, relation, sealer);
        Touch();
    }

    public void SetCare(CareLevel level, string? reason)
    {
        CheckRule(new KeyRecipientsNeedAReasonRule(level, reason));
        CareLevel = level;
        CareReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Touch();
    }

    public void ChangeStatus(ResidentStatus status)
    {
        CheckRule(new ResidentStatusIsKnownRule(status));
        Status = status;
        Touch();
    }

    /// <summary>Moves the person to another household (and with it, perhaps, another community).</summary>
    public void MoveTo(Household household, RelationToHead relation)
    {
        ArgumentNullException.ThrowIfNull(household);
        Household = household;
        HouseholdId = household.Id;
        RegionCode = household.RegionCode;
        Relation = relation;
        Status = ResidentStatus.Living;
        Touch();
    }

    public int AgeOn(DateOnly day) => IdNumber.AgeOn(BirthDate, day);

    private void Apply(string name, IdNumber id, MobileNumber? phone, RelationToHead relation, IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        var normalized = PersonName.Normalize(name, out var problem);
        CheckRule(new ResidentNameIsValidRule(problem));
        CheckRule(new ResidentHasAnIdNumberRule(id));
        Name = normalized!;

        // An unchanged value keeps its ciphertext: no needless re-encryption, and no false change in the history.
        if (sealer.BlindIndex(IdPurpose, id.Value) != IdIndex)
        {
            var sealedId = sealer.Seal(IdPurpose, id.Value);
            IdCipher = sealedId.Cipher;
            IdIndex = sealedId.Index;
        }

        Sex = id.Sex;
        BirthDate = id.BirthDate;
        if (phone is { } p)
        {
            if (sealer.BlindIndex(PhonePurpose, p.Value) != PhoneIndex)
            {
                var sealedPhone = sealer.Seal(PhonePurpose, p.Value);
                PhoneCipher = sealedPhone.Cipher;
                PhoneIndex = sealedPhone.Index;
            }
        }
        else
        {
            PhoneCipher = null;
            PhoneIndex = null;
        }

        Relation = Enum.IsDefined(relation) ? relation : RelationToHead.Other;
    }
}

public sealed class ResidentNameIsValidRule(string? problem) : IBusinessRule
{
    public string Code => "Resident.Name";

    public string Message => problem ?? string.Empty;

    public bool IsBroken() => problem is not null;
}

public sealed class ResidentHasAnIdNumberRule(IdNumber id) : IBusinessRule
{
    public string Code => "Resident.IdNumber";

    public string Message => "请填写有效的身份证号码。";

    public bool IsBroken() => id.Value is null;
}

public sealed class KeyRecipientsNeedAReasonRule(CareLevel level, string? reason) : IBusinessRule
{
    public string Code => "Resident.CareReason";

    public string Message => "重点服务对象须注明原因（如独居、失能、低保等家庭情况）。";

    public bool IsBroken() => !Enum.IsDefined(level) || (level == CareLevel.Key && string.IsNullOrWhiteSpace(reason));
}

public sealed class ResidentStatusIsKnownRule(ResidentStatus status) : IBusinessRule
{
    public string Code => "Resident.Status";

    public string Message => "居民状态无效。";

    public bool IsBroken() => !Enum.IsDefined(status);
}
