using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;
using Shequ.Web.Modules.Assessment;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Assessment;

/// <summary>
/// Item D19 and ADR-011, played by the attacker: someone who holds the whole database (not the keys kept outside
/// it) and, as any auditor may, the campaign's draw — which household was asked about which workers. Residents
/// submit one at a time, so every ballot is its own write; the attacker then tries every order the storage offers
/// (rowid or ctid, transaction id, key) and the invitations' order and marks, before and after the campaign closes.
/// A ballot's lines are told apart in the test only by a tag in their reasons, which the attacks never read.
/// </summary>
public class AnonymityAttackTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private sealed record Line(Guid Id, int WorkerId, int ItemId, int Ballot, long Position, long Transaction);

    private sealed record Household(int Id, HashSet<(int WorkerId, int ItemId)> Subjects);

    [Fact]
    public async Task With_the_raw_database_and_the_draw_no_ballot_is_tied_to_its_household_better_than_chance()
    {
        var (campaign, slips, draw) = await CampaignAsync();
        var submitted = slips.Where((_, i) => i % 2 == 0).ToList(); // half the households answer
        submitted.Count.ShouldBeGreaterThanOrEqualTo(12, "enough ballots for the attack to mean something");
        var truth = new Dictionary<int, int>(); // ballot tag → household
        foreach (var (slip, tag) in submitted.Select((s, i) => (s, i)))
        {
            truth[tag] = slip.HouseholdId;
            var subjects = draw.Single(h => h.Id == slip.HouseholdId).Subjects;
            var body = new { token = slip.Token, grades = subjects.Select(s => new { workerId = s.WorkerId, itemId = s.ItemId, grade = tag % 3 == 0 ? "优" : "良", reason = $"认真负责 #{tag}" }) };
            (await app.NewClient().PostAsJsonAsync("/api/v1/evaluations", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // While the campaign runs: no grade is in the clear, and the invitations do not say who has answered.
        (await LinesAsync(campaign)).ShouldBeEmpty("grades wait sealed until the campaign closes");
        await InvitationsSayNothingAsync(campaign, draw, truth.Values.ToHashSet());

        await app.WithDbAsync(async (db, sp) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var c = await db.EvaluationCampaigns.SingleAsync(x => x.Id == campaign);
            await sp.GetRequiredService<CampaignDesk>().CloseAsync(c, default);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return 0;
        });

        var lines = await LinesAsync(campaign);
        lines.Count.ShouldBe(truth.Keys.Sum(t => draw.Single(h => h.Id == truth[t]).Subjects.Count));
        await InvitationsSayNothingAsync(campaign, draw, truth.Values.ToHashSet());
        if (app.IsPostgres)
        {
            lines.Select(l => l.Transaction).Distinct().Count().ShouldBe(1, "every grade of the campaign was written by one transaction");
        }

        foreach (var (name, order) in Orders(lines))
        {
            // Lines of one ballot next to each other more often than a shuffle would put them there give the ballots away.
            var together = order.Zip(order.Skip(1)).Count(p => p.First.Ballot == p.Second.Ballot);
            var byChance = ExpectedNeighbours(lines);
            together.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(byChance * 3) + 5, $"ordered by {name}, {together} neighbouring pairs are one ballot's (chance: {byChance:0.0})");

            // The whole attack: cut the order into ballots that fit the draw, name the household that fits, compare with shuffles.
            var tied = Ties(order, draw, truth);
            var shuffled = Enumerable.Range(0, 30).Select(seed => Ties([.. order.OrderBy(_ => Random.Shared.Next())], draw, truth)).ToList();
            var mean = shuffled.Average();
            var sd = Math.Sqrt(shuffled.Average(x => (x - mean) * (x - mean)));
            tied.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(mean + (4 * sd)) + 3, $"ordered by {name} the attacker tied {tied} ballots; shuffled orders tie {mean:0.0} ± {sd:0.0}");
        }
    }

    /// <summary>Every order of the stored lines the attacker can ask the database for.</summary>
    private static IEnumerable<(string Name, List<Line> Order)> Orders(List<Line> lines)
    {
        yield return ("storage position", [.. lines.OrderBy(l => l.Position)]);
        yield return ("key", [.. lines.OrderBy(l => l.Id)]);
        yield return ("transaction", [.. lines.OrderBy(l => l.Transaction).ThenBy(l => l.Position)]);
    }

    /// <summary>How many neighbouring pairs would be one ballot's if the lines lay in a random order.</summary>
    private static double ExpectedNeighbours(List<Line> lines)
    {
        var n = lines.Count;
        return n < 2 ? 0 : lines.GroupBy(l => l.Ballot).Sum(g => g.Count() * (g.Count() - 1.0)) / n;
    }

    /// <summary>
    /// The attacker's best guess from an order: walk it, take the longest run of lines that is exactly some household's
    /// subjects, and name that household when it is the only one drawn with those subjects. A tie is a guess that names
    /// the right household for a run that is exactly one ballot's lines.
    /// </summary>
    private static int Ties(List<Line> order, List<Household> draw, Dictionary<int, int> truth)
    {
        var longest = draw.Max(h => h.Subjects.Count);
        var tied = 0;
        for (var i = 0; i < order.Count;)
        {
            var step = 1;
            for (var length = Math.Min(longest, order.Count - i); length >= 1; length--)
            {
                var run = order.GetRange(i, length);
                var subjects = run.Select(l => (l.WorkerId, l.ItemId)).ToHashSet();
                if (subjects.Count != length)
                {
                    continue;
                }

                var fits = draw.Where(h => h.Subjects.SetEquals(subjects)).ToList();
                if (fits.Count == 0)
                {
                    continue;
                }

                if (fits.Count == 1 && run.All(l => l.Ballot == run[0].Ballot) && truth[run[0].Ballot] == fits[0].Id
                    && order.Count(l => l.Ballot == run[0].Ballot) == length)
                {
                    tied++;
                }

                step = length;
                break;
            }

            i += step;
        }

        return tied;
    }

    /// <summary>
    /// The invitations' ids, marks and every value they hold, against the draw: no household id in the clear, and used
    /// marks that, paired with the households in id order (the order the draw lists them), pick the respondents no
    /// better than chance.
    /// </summary>
    private async Task InvitationsSayNothingAsync(int campaign, List<Household> draw, HashSet<int> respondents)
    {
        var rows = await RawAsync($"SELECT * FROM \"EvaluationInvitations\" WHERE \"CampaignId\" = {campaign} ORDER BY \"Id\"");
        rows.Count.ShouldBe(draw.Count);
        var households = draw.Select(h => h.Id).Order().ToList();
        var householdIds = households.Select(h => h.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        foreach (var row in rows)
        {
            row.Where(kv => kv.Key is not ("Id" or "CampaignId" or "IsUsed")).Select(kv => kv.Value).ShouldNotContain(v => v != null && householdIds.Contains(v), "no household in the clear");
        }

        var used = rows.Select(r => r["IsUsed"] is "1" or "True" or "true").ToList();
        var guessed = households.Where((_, i) => used[i]).ToHashSet();
        var hits = guessed.Count(respondents.Contains);
        var byChance = (double)guessed.Count * respondents.Count / households.Count;
        hits.ShouldBeLessThanOrEqualTo((int)Math.Floor(byChance + (0.75 * (respondents.Count - byChance))),
            $"pairing used marks with households in order found {hits} of {respondents.Count} respondents (chance {byChance:0.0})");
    }

    private async Task<List<Line>> LinesAsync(int campaign)
    {
        var sql = app.IsPostgres
            ? $"SELECT \"Id\"::text AS \"Id\", \"WorkerId\", \"ServiceItemId\", \"Reason\", ctid::text AS pos, xmin::text AS tx FROM \"Evaluations\" WHERE \"CampaignId\" = {campaign}"
            : $"SELECT \"Id\", \"WorkerId\", \"ServiceItemId\", \"Reason\", rowid AS pos, 0 AS tx FROM \"Evaluations\" WHERE \"CampaignId\" = {campaign}";
        return [.. (await RawAsync(sql)).Select(r => new Line(
            Guid.Parse(r["Id"]!),
            int.Parse(r["WorkerId"]!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(r["ServiceItemId"]!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(r["Reason"]![(r["Reason"]!.IndexOf('#', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture),
            Position(r["pos"]!),
            long.Parse(r["tx"]!, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>A rowid, or a ctid "(page,item)" as one number in storage order.</summary>
    private static long Position(string pos)
    {
        if (!pos.StartsWith('('))
        {
            return long.Parse(pos, System.Globalization.CultureInfo.InvariantCulture);
        }

        var parts = pos.Trim('(', ')').Split(',');
        return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) << 16) + long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<List<Dictionary<string, string?>>> RawAsync(string sql) => app.WithDbAsync(async (db, _) =>
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, string?>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    });

    /// <summary>A campaign over street A, its slips (each with the household it must reach) and the draw as an auditor sees it.</summary>
    private async Task<(int Campaign, List<Slip> Slips, List<Household> Draw)> CampaignAsync()
    {
        var periodId = await new CampaignHelper(app).CurrentQuarterAsync();
        await app.WithDbAsync(async (db, _) =>
        {
            // Three workers who each served the same 30 households, so most households are asked about two or three of them.
            var workers = await db.Workers.IgnoreQueryFilters().Include(w => w.Assignments).Where(w => w.RegionCode == ShequFactory.StreetA || w.Assignments.Any(a => a.RegionCode.StartsWith("320591001"))).OrderBy(w => w.Id).Take(3).ToListAsync();
            var households = await db.Households.IgnoreQueryFilters().Where(h => h.RegionCode.StartsWith("320591001")).OrderBy(h => h.Id).Take(30).ToListAsync();
            var items = await db.ServiceItems.IgnoreQueryFilters().OrderBy(i => i.Id).Take(2).ToListAsync();
            workers.Count.ShouldBe(3);
            households.Count.ShouldBe(30);
            var now = DateTime.Now;
            foreach (var (worker, k) in workers.Select((w, k) => (w, k)))
            {
                foreach (var (h, i) in households.Select((h, i) => (h, i)))
                {
                    db.ServiceRecords.Add(Shequ.Domain.Services.ServiceRecord.Record(
                        new Shequ.Domain.Services.ServiceDelivery(items[k % items.Count], worker, h, null, now.AddHours(-2 - i), Shequ.Domain.Services.ServiceMode.ProactiveVisit,
                            Shequ.Domain.Services.ProviderType.Staff, Shequ.Domain.Services.ServiceOutcome.Completed, 30, "上门"),
                        now, DateTime.UtcNow, "attack-test"));
                }
            }

            return await db.SaveChangesAsync();
        });
        return await app.WithDbAsync(async (db, sp) =>
        {
            var desk = sp.GetRequiredService<CampaignDesk>();
            var (campaign, error, _) = await desk.StartAsync(new CampaignRequest(periodId, ShequFactory.StreetA, 20, 30, 14), "attack-test", default);
            campaign.ShouldNotBeNull(error);
            var slips = (await desk.SlipsAsync(campaign.Id, default))!;
            var sealer = sp.GetRequiredService<IPersonalDataSealer>();
            var invitations = await db.EvaluationInvitations.IgnoreQueryFilters().AsNoTracking().Where(i => i.CampaignId == campaign.Id).ToListAsync();
            var draw = invitations.Where(i => i.Open(sealer)).Select(i => new Household(i.HouseholdId!.Value, [.. i.Subjects.Select(s => (s.WorkerId, s.ServiceItemId))])).ToList();
            return (campaign.Id, slips, draw);
        });
    }
}
