namespace Shequ.Domain.Assessment;

/// <summary>One service delivered in the period: the worker, the item, the household's grid, the household.</summary>
public readonly record struct ServedHousehold(int WorkerId, int ServiceItemId, string GridCode, int HouseholdId);

/// <summary>
/// Who may not evaluate a worker (E2-7): their own household and declared kin, other workers' households, and recent
/// evaluators; and workers left out because too few households could grade them for a score (<see cref="LeftOutWorkers"/>).
/// </summary>
public sealed record SamplingExclusions(
    IReadOnlyDictionary<int, IReadOnlySet<int>> OwnAndKinHouseholdsByWorker,
    IReadOnlySet<int> WorkerHouseholds,
    IReadOnlySet<int> RecentlySampledHouseholds,
    IReadOnlySet<int>? LeftOutWorkers = null)
{
    public bool Excludes(ServedHousehold s) =>
        WorkerHouseholds.Contains(s.HouseholdId)
        || RecentlySampledHouseholds.Contains(s.HouseholdId)
        || (OwnAndKinHouseholdsByWorker.TryGetValue(s.WorkerId, out var own) && own.Contains(s.HouseholdId))
        || (LeftOutWorkers?.Contains(s.WorkerId) ?? false);
}

/// <summary>How many to draw: per worker and item, and at most per worker.</summary>
public sealed record SampleRule(int PerItem, int MaxPerWorker)
{
    /// <summary>
    /// A worker's item is graded by at least two households or by none (ADR-011): one drawn household would be the
    /// only possible author of every grade stored for that item.
    /// </summary>
    public const int MinimumPerItem = 2;

    public static SampleRule Default { get; } = new(3, 12);

    public bool IsValid => PerItem is >= MinimumPerItem and <= 50 && MaxPerWorker >= PerItem && MaxPerWorker <= 200;
}

/// <summary>One sampled evaluator: the household asked to grade the worker on the item.</summary>
public readonly record struct Draw(int HouseholdId, int WorkerId, int ServiceItemId, string GridCode);

/// <summary>
/// Draws evaluators at random from the households each worker actually served (E2-6), per item: within a worker's
/// item every eligible household has the same chance (no stratum guarantees anyone a draw), the worker's items are
/// taken in a random order, a household is asked about one item of a worker at most, and the cap per worker cuts a
/// random selection. An item left with a single drawn household is dropped (<see cref="SampleRule.MinimumPerItem"/>).
/// The draw depends only on the frame, the exclusions, the rule and the seed, so an auditor holding what the
/// campaign stored can reproduce it. Nobody can add an evaluator: the only input is the frame.
/// </summary>
public static class EvaluatorSampler
{
    public static IReadOnlyList<Draw> Draw(IEnumerable<ServedHousehold> frame, SamplingExclusions exclusions, SampleRule rule, long seed)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(exclusions);
        ArgumentNullException.ThrowIfNull(rule);
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var draws = new List<Draw>();

        // Sorted, de-duplicated input makes the draw independent of the order the frame arrived in.
        var eligible = frame.Distinct()
            .Where(s => !exclusions.Excludes(s))
            .OrderBy(s => s.WorkerId).ThenBy(s => s.ServiceItemId).ThenBy(s => s.HouseholdId).ThenBy(s => s.GridCode, StringComparer.Ordinal)
            .ToList();

        foreach (var worker in eligible.GroupBy(s => s.WorkerId))
        {
            var taken = new HashSet<int>();
            var perWorker = new List<Draw>();
            foreach (var item in Shuffle(worker.GroupBy(s => s.ServiceItemId).ToList(), random))
            {
                // A household served twice on the item counts once, with the grid of its first service.
                var picked = 0;
                foreach (var h in Shuffle(item.GroupBy(s => s.HouseholdId).Select(g => g.First()).ToList(), random))
                {
                    if (picked == rule.PerItem)
                    {
                        break;
                    }

                    if (taken.Add(h.HouseholdId))
                    {
                        perWorker.Add(new Draw(h.HouseholdId, worker.Key, item.Key, h.GridCode));
                        picked++;
                    }
                }
            }

            var kept = perWorker.Count <= rule.MaxPerWorker ? perWorker : [.. Shuffle(perWorker, random).Take(rule.MaxPerWorker)];
            draws.AddRange(kept.GroupBy(d => d.ServiceItemId).Where(g => g.Count() >= SampleRule.MinimumPerItem).SelectMany(g => g)
                .OrderBy(d => d.ServiceItemId).ThenBy(d => d.HouseholdId));
        }

        return draws;
    }

    private static List<T> Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
