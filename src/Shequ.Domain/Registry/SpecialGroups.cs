using Shequ.Domain.Common;

namespace Shequ.Domain.Registry;

/// <summary>The special groups the registry tracks, each membership dated and evidenced.</summary>
public enum SpecialGroup
{
    Elderly60 = 1,
    Elderly80 = 2,
    LivingAlone = 3,
    EmptyNest = 4,
    Disability = 5,
    Dibao = 6,
    DibaoEdge = 7,
    Tekun = 8,
    RetiredCadre = 9,
    Military = 10,
    MilitaryFamily = 11,
    Unemployed = 12,
    Minor = 13,
    LeftBehindChild = 14,
    PsychiatricCare = 15,
}

/// <summary>One period in which a resident belonged to a special group, with what shows it.</summary>
public sealed class GroupMembership
{
    private GroupMembership()
    {
    }

    public int Id { get; private set; }

    public SpecialGroup Group { get; private set; }

    public DateOnly Since { get; private set; }

    public DateOnly? Until { get; private set; }

    /// <summary>What shows it: a document, a decision number, who checked it.</summary>
    public string? Evidence { get; private set; }

    public DisabilityCategory? DisabilityCategory { get; private set; }

    public int? DisabilityGrade { get; private set; }

    /// <summary>The 20-character certificate number embeds the ID number, so it is sealed like it.</summary>
    public string? CertificateCipher { get; private set; }

    public bool IsActiveOn(DateOnly day) => Since <= day && (Until is null || Until >= day);

    internal static GroupMembership Start(SpecialGroup group, DateOnly since, string? evidence, DisabilityCertificate? certificate, IPersonalDataSealer sealer) => new()
    {
        Group = group,
        Since = since,
        Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim(),
        DisabilityCategory = certificate?.Category,
        DisabilityGrade = certificate?.Grade,
        CertificateCipher = certificate is { } c ? sealer.Seal(CertificatePurpose, c.Number).Cipher : null,
    };

    public const string CertificatePurpose = "resident.disability-certificate";

    internal void End(DateOnly until) => Until = until;
}

public sealed class DisabilityNeedsACertificateOfTheSamePersonRule(SpecialGroup group, DisabilityCertificate? certificate, IdNumber holder) : IBusinessRule
{
    public string Code => "Resident.DisabilityCertificate";

    public string Message => "残疾人身份须填写 20 位残疾人证号（本人身份证号 + 类别 + 等级）。";

    public bool IsBroken() => group == SpecialGroup.Disability
        ? certificate is null || certificate.Value.Holder.Value != holder.Value
        : certificate is not null;
}

public sealed class MembershipDatesMustBeInOrderRule(DateOnly since, DateOnly? until, DateOnly today) : IBusinessRule
{
    public string Code => "Resident.GroupDates";

    public string Message => "起始日期不能晚于今天，结束日期不能早于起始日期。";

    public bool IsBroken() => since > today || (until is { } u && u < since);
}
