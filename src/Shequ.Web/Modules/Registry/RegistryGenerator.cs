using Shequ.Domain.Common;
using Shequ.Domain.Organization;
using Shequ.Domain.Registry;

namespace Shequ.Web.Modules.Registry;

/// <summary>
/// Realistic households for a set of communities and grids: consistent families (a head, often a spouse,
/// children a generation younger, sometimes an elderly parent), valid ID numbers and mobiles, and special
/// groups in plausible proportions. Deterministic for a seed, so a benchmark can rebuild the same data.
/// </summary>
public sealed class RegistryGenerator(int seed, IPersonalDataSealer sealer, DateOnly today)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "沈", "顾", "陆", "钱", "蒋", "范"];
    private static readonly string[] MaleGiven = ["建国", "志强", "国平", "卫东", "振华", "海涛", "文杰", "俊", "磊", "伟", "浩然", "子轩", "宇航", "明", "建军"];
    private static readonly string[] FemaleGiven = ["秀英", "丽华", "海燕", "晓梅", "玉兰", "慧敏", "静", "婷", "雨涵", "欣怡", "桂英", "美玲", "佳怡", "红梅"];
    private static readonly string[] MobilePrefixes = ["138", "139", "150", "151", "158", "159", "180", "181", "186", "187", "189", "199"];

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);

    public sealed record GeneratedHousehold(Household Household, IReadOnlyList<(Resident Resident, IdNumber Id)> Members);

    /// <summary>Makes one household in <paramref name="region"/> (a community or grid); nothing is saved.</summary>
    public GeneratedHousehold Next(Region region, string idAddressCode)
    {
        ArgumentNullException.ThrowIfNull(region);
        var village = RegionCode.CommunityKindOf(region.Code[..12]) is CommunityKind.VillagersCommittee or CommunityKind.VillagersCommitteeLike;
        var address = village
            ? new HouseholdAddress(null, null, $"{_random.Next(1, 200)}号", $"第{_random.Next(1, 12)}村民小组")
            : new HouseholdAddress(_random.Next(1, 40).ToString(System.Globalization.CultureInfo.InvariantCulture), _random.Next(1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{_random.Next(1, 19)}0{_random.Next(1, 5)}", null);
        var household = Household.Register(region, address, village || _random.NextDouble() < 0.15 ? DwellingType.Bungalow : DwellingType.Apartment, sealer);

        var surname = Surnames[_random.Next(Surnames.Length)];
        var headAge = _random.Next(25, 88);
        var members = new List<(Resident, IdNumber)>();
        var head = Person(household, surname, headAge, male: _random.NextDouble() < 0.6, RelationToHead.Head, idAddressCode);
        members.Add(head);
        var livesAlone = headAge >= 60 && _random.NextDouble() < 0.25;
        if (!livesAlone && _random.NextDouble() < 0.8)
        {
            members.Add(Person(household, Surnames[_random.Next(Surnames.Length)], Math.Clamp(headAge + _random.Next(-5, 4), 20, 95), male: head.Item1.Sex == Sex.Female, RelationToHead.Spouse, idAddressCode));
        }

        if (!livesAlone && headAge is > 25 and < 65)
        {
            for (var c = _random.Next(0, 3); c > 0; c--)
            {
                members.Add(Person(household, surname, Math.Max(0, headAge - _random.Next(22, 34)), _random.NextDouble() < 0.5, RelationToHead.Child, idAddressCode));
            }
        }

        if (!livesAlone && headAge is > 30 and < 55 && _random.NextDouble() < 0.2)
        {
            members.Add(Person(household, surname, headAge + _random.Next(24, 32), _random.NextDouble() < 0.4, RelationToHead.Parent, idAddressCode));
        }

        var (resident, id) = members[0];
        if (livesAlone)
        {
            resident.JoinGroup(SpecialGroup.LivingAlone, today.AddDays(-_random.Next(30, 2000)), today, "入户核实", null, id, sealer);
            resident.SetCare(CareLevel.Key, "独居老人");
        }
        else if (headAge >= 60 && members.Count == 2 && _random.NextDouble() < 0.5)
        {
            resident.JoinGroup(SpecialGroup.EmptyNest, today.AddDays(-_random.Next(30, 2000)), today, "入户核实", null, id, sealer);
        }

        if (_random.NextDouble() < 0.04)
        {
            resident.JoinGroup(SpecialGroup.Dibao, today.AddDays(-_random.Next(30, 1500)), today, "民政审批", null, id, sealer);
            resident.SetCare(CareLevel.Key, "低保家庭");
        }

        if (_random.NextDouble() < 0.03)
        {
            if (!DisabilityCertificate.TryParse($"{id.Value}{_random.Next(1, 8)}{_random.Next(1, 5)}", today, out var certificate))
            {
                throw new InvalidOperationException("generated an invalid certificate number");
            }

            resident.JoinGroup(SpecialGroup.Disability, today.AddDays(-_random.Next(30, 3000)), today, "残联核发", certificate, id, sealer);
        }

        return new GeneratedHousehold(household, members);
    }

    private (Resident, IdNumber) Person(Household household, string surname, int age, bool male, RelationToHead relation, string idAddressCode)
    {
        var birth = today.AddYears(-age).AddDays(-_random.Next(1, 365));
        // The sequence's parity carries the sex; a number already issued moves to the next free sequence.
        var sequence = (_random.Next(0, 500) * 2) + (male ? 1 : 0);
        var id = IdNumber.Compose(idAddressCode, birth, sequence);
        while (!_issued.Add(id.Value))
        {
            sequence = (sequence + 2) % 1000;
            id = IdNumber.Compose(idAddressCode, birth, sequence);
        }
        var given = male ? MaleGiven[_random.Next(MaleGiven.Length)] : FemaleGiven[_random.Next(FemaleGiven.Length)];
        MobileNumber? phone = null;
        if (age >= 16 && _random.NextDouble() < 0.9)
        {
            phone = MobileNumber.TryParse(MobilePrefixes[_random.Next(MobilePrefixes.Length)] + _random.Next(0, 100_000_000).ToString("00000000", System.Globalization.CultureInfo.InvariantCulture), out var p)
                ? p
                : throw new InvalidOperationException("generated an invalid mobile number");
        }

        return (Resident.Register(household, surname + given, id, phone, relation, sealer), id);
    }
}
