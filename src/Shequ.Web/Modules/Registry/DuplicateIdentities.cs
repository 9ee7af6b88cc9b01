using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Data.Audit;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;

namespace Shequ.Web.Modules.Registry;

public enum DuplicateIdentity
{
    None = 0,

    /// <summary>Registered within the caller's own scope, where they can see the person anyway.</summary>
    Here = 1,

    /// <summary>Registered outside the caller's scope: said without where or who, and audited.</summary>
    Elsewhere = 2,

    /// <summary>The caller has been told "elsewhere" too often this hour: nothing is looked up.</summary>
    TooMany = 3,
}

public sealed class RegistryOptions
{
    /// <summary>How many "registered elsewhere" answers one account gets per hour before the check refuses.</summary>
    public int ElsewhereAnswersPerHour { get; set; } = 20;
}

/// <summary>
/// An ID number is registered once in the whole district, so registering one must look beyond the caller's scope
/// (issue 15, A6). What it answers about another area is the least that stops a duplicate — "registered elsewhere,
/// ask the district to transfer" — each such answer is audited, and an account probing numbers runs out of answers.
/// </summary>
public sealed class DuplicateIdentities(IOptions<RegistryOptions> options, TimeProvider time)
{
    public const string HereMessage = "该身份证号已在本辖区登记，不能重复登记。";
    public const string ElsewhereMessage = "该身份证号已在其他地区登记。如需迁入本辖区，请联系区级管理员办理转移。";
    public const string TooManyMessage = "本小时内查到的“已在其他地区登记”次数过多，已暂停重复登记核查，请稍后再试或联系区级管理员。";

    private readonly ConcurrentDictionary<string, int> _elsewhere = new(StringComparer.Ordinal);
    private long _hour = -1;

    public static string MessageFor(DuplicateIdentity outcome) => outcome switch
    {
        DuplicateIdentity.Here => HereMessage,
        DuplicateIdentity.Elsewhere => ElsewhereMessage,
        DuplicateIdentity.TooMany => TooManyMessage,
        _ => string.Empty,
    };

    /// <summary>The page's resource key for the same answer (Chinese and English).</summary>
    public static string MessageKeyFor(DuplicateIdentity outcome) => "Resident.Duplicate" + outcome;

    public static int StatusFor(DuplicateIdentity outcome) =>
        outcome == DuplicateIdentity.TooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status409Conflict;

    /// <summary>Whether this ID number is already registered, as the caller may be told; audits every "elsewhere".</summary>
    public async Task<DuplicateIdentity> CheckAsync(ShequDbContext db, IPersonalDataSealer sealer, IdNumber id, string? caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sealer);
        var key = caller ?? "(system)";
        var hour = time.GetUtcNow().ToUnixTimeSeconds() / 3600;
        if (Interlocked.Exchange(ref _hour, hour) != hour)
        {
            _elsewhere.Clear();
        }

        if (_elsewhere.GetValueOrDefault(key) >= options.Value.ElsewhereAnswersPerHour)
        {
            return DuplicateIdentity.TooMany;
        }

        var index = sealer.BlindIndex(Resident.IdPurpose, id.Value);
        if (await db.Residents.AnyAsync(r => r.IdIndex == index, ct))
        {
            return DuplicateIdentity.Here;
        }

        if (!await db.Residents.IgnoreQueryFilters().AnyAsync(r => r.IdIndex == index, ct))
        {
            return DuplicateIdentity.None;
        }

        _elsewhere.AddOrUpdate(key, 1, (_, n) => n + 1);
        db.Audit(AuditActions.DuplicateElsewhere, nameof(Resident), id.Masked, "told: registered in another area");
        await db.SaveChangesAsync(ct);
        return DuplicateIdentity.Elsewhere;
    }
}
