using Shequ.Domain.Common;

namespace Shequ.Domain.Services;

/// <summary>One list-2 item an agreement covers, with its target.</summary>
public sealed class AgreementItem
{
    private AgreementItem()
    {
    }

    public int Id { get; private set; }

    public int ServiceItemId { get; private set; }

    public string? Target { get; private set; }

    internal static AgreementItem Of(int itemId, string? target) => new() { ServiceItemId = itemId, Target = string.IsNullOrWhiteSpace(target) ? null : target.Trim() };
}

/// <summary>
/// E8-1: the agreement by which a street entrusts a community with the list-2 matters, with targets, funding
/// and who is responsible for what. Kept as a record here; the two-way evaluation comes with assessment.
/// </summary>
public sealed class ServiceAgreement : Entity
{
    private readonly List<AgreementItem> _items = [];

    private ServiceAgreement()
    {
        CommunityCode = string.Empty;
        Responsibilities = string.Empty;
    }

    public int Id { get; private set; }

    public string CommunityCode { get; private set; }

    public int Year { get; private set; }

    public decimal Funding { get; private set; }

    public string Responsibilities { get; private set; }

    public DateOnly SignedOn { get; private set; }

    public IReadOnlyList<AgreementItem> Items => _items;

    public static ServiceAgreement Sign(string communityCode, int year, DateOnly signedOn, decimal funding, string responsibilities, IReadOnlyList<(ServiceItem Item, string? Target)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        CheckRule(new AnAgreementCoversListTwoItemsOfItsCommunityRule(communityCode, items.Select(i => i.Item).ToList()));
        CheckRule(new AnAgreementStatesFundingAndResponsibilitiesRule(funding, responsibilities, year));
        var a = new ServiceAgreement { CommunityCode = communityCode, Year = year, SignedOn = signedOn, Funding = funding, Responsibilities = responsibilities.Trim() };
        a._items.AddRange(items.DistinctBy(i => i.Item.Id).Select(i => AgreementItem.Of(i.Item.Id, i.Target)));
        return a;
    }
}

public sealed class AnAgreementCoversListTwoItemsOfItsCommunityRule(string communityCode, IReadOnlyList<ServiceItem> items) : IBusinessRule
{
    public string Code => "Agreement.Items";

    public string Message => "协议须包含至少一项本社区适用的“协助政府事项”（清单二）。";

    public bool IsBroken() => items.Count == 0 || items.Any(i => i.List != DutyList.AssistGovernment || !i.AppliesTo(communityCode));
}

public sealed class AnAgreementStatesFundingAndResponsibilitiesRule(decimal funding, string? responsibilities, int year) : IBusinessRule
{
    public string Code => "Agreement.Terms";

    public string Message => "请填写年度（2000–2100）、经费（不小于 0）和双方责任（不超过 4000 字）。";

    public bool IsBroken() => funding < 0 || year is < 2000 or > 2100 || string.IsNullOrWhiteSpace(responsibilities) || responsibilities.Trim().Length > 4000;
}
