namespace Shequ.Domain.Assessment;

/// <summary>One service delivered in the period: the worker, the item, the household's grid, the household.</summary>
public readonly record struct ServedHousehold(int WorkerId, int ServiceItemId, string GridCode, int HouseholdId);

/// <summary>Who may not evaluate a worker (E2-7): their own household and declared kin, other workers' households, and recent evaluators.</summary>
public sealed record SamplingExclusions(
    IReadOnlyDictionary<int, IReadOnlySet<int>> OwnAndKinHouseholdsByWorker,
    IReadOnlySet<int> WorkerHouseholds,
    IReadOnlySet<int> RecentlySampledHouseholds);

/// <summary>How many to draw: per worker and item, and at most per worker.</summary>
public sealed record SampleRule(int PerItem, int MaxPerWorker)
{
    public static SampleRule Default { get; } = new(3, 12);

    public bool IsValid => PerItem is >= 1 and <= 50 && MaxPerWorker >= PerItem && MaxPerWorker <= 200;
}

/// <summary>One sampled evaluator: the household asked to grade the worker on the item.</summary>
public readonly record struct Draw(int HouseholdId, int WorkerId, int ServiceItemId, string GridCode);

/// <summary>
/// Draws evaluators at random from the households each worker actually served (E2-6), per item and stratified
/// by grid: within an item, the draw takes grids in turn so every grid the worker served is represented. The
/// draw depends only on the frame, the exclusions, the rule and the seed, so an auditor holding the stored
/// seed and frame can reproduce it. Nobody can add an evaluator: the only input is the frame.
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
            .Where(s => !exclusions.WorkerHouseholds.Contains(s.HouseholdId)
                && !exclusions.RecentlySampledHouseholds.Contains(s.HouseholdId)
                && !(exclusions.OwnAndKinHouseholdsByWorker.TryGetValue(s.WorkerId, out var own) && own.Contains(s.HouseholdId)))
            .OrderBy(s => s.WorkerId).ThenBy(s => s.ServiceItemId).ThenBy(s => s.GridCode, StringComparer.Ordinal).ThenBy(s => s.HouseholdId)
            .ToList();

        foreach (var worker in eligible.GroupBy(s => s.WorkerId))
        {
            var taken = new HashSet<int>();
            var perWorker = new List<Draw>();
            foreach (var item in worker.GroupBy(s => s.ServiceItemId))
            {
                // Shuffle each grid's households, then take grids in turn.
                var grids = item.GroupBy(s => s.GridCode).Select(g => Shuffle([.. g.Select(s => s.HouseholdId).Distinct()], random)).ToList();
                var gridCodes = item.Select(s => s.GridCode).Distinct().ToList();
                var picked = 0;
                for (var round = 0; picked < rule.PerItem && grids.Any(g => round < g.Count); round++)
                {
                    foreach (var (households, g) in grids.Select((h, i) => (h, i)).OrderBy(_ => random.Next()))
                    {
                        if (picked >= rule.PerItem || round >= households.Count || !taken.Add(households[round]))
                        {
                            continue;
                        }

                        perWorker.Add(new Draw(households[round], worker.Key, item.Key, gridCodes[g]));
                        picked++;
                    }
                }
            }

            draws.AddRange(perWorker.Take(rule.MaxPerWorker));
        }

        return draws;
    }

    private static List<int> Shuffle(List<int> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
