namespace Shequ.Domain.Opinion;

/// <summary>Splits Chinese text into words and picks its keywords. The adapter (jieba.NET) lives outside the domain.</summary>
public interface ITextSegmenter
{
    IReadOnlyList<string> Words(string text);

    IReadOnlyList<string> Keywords(string text, int count);
}

/// <summary>
/// A multinomial naive Bayes classifier over words with add-one smoothing. Small, explainable, and good enough
/// to propose a category that a person then confirms.
/// </summary>
public sealed class SuggestionClassifier
{
    private readonly Dictionary<OpinionCategory, Dictionary<string, int>> _wordCounts = [];
    private readonly Dictionary<OpinionCategory, int> _totals = [];
    private readonly Dictionary<OpinionCategory, int> _documents = [];
    private readonly HashSet<string> _vocabulary = [];

    public static SuggestionClassifier Train(IEnumerable<(OpinionCategory Category, IReadOnlyList<string> Words)> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var c = new SuggestionClassifier();
        foreach (var (category, words) in examples)
        {
            c._documents[category] = c._documents.GetValueOrDefault(category) + 1;
            var counts = c._wordCounts.TryGetValue(category, out var found) ? found : c._wordCounts[category] = [];
            foreach (var w in Features(words))
            {
                counts[w] = counts.GetValueOrDefault(w) + 1;
                c._totals[category] = c._totals.GetValueOrDefault(category) + 1;
                c._vocabulary.Add(w);
            }
        }

        return c;
    }

    public OpinionCategory Predict(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (_documents.Count == 0)
        {
            return OpinionCategory.Other;
        }

        var all = _documents.Values.Sum();
        var useful = Features(words);
        return _documents.Keys.MaxBy(category =>
        {
            var score = Math.Log((double)_documents[category] / all);
            var counts = _wordCounts[category];
            var denominator = _totals.GetValueOrDefault(category) + _vocabulary.Count;
            foreach (var w in useful.Where(_vocabulary.Contains))
            {
                score += Math.Log((counts.GetValueOrDefault(w) + 1.0) / denominator);
            }

            return score;
        });
    }

    /// <summary>Share of examples predicted right.</summary>
    public double Accuracy(IEnumerable<(OpinionCategory Category, IReadOnlyList<string> Words)> heldOut)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var list = heldOut.ToList();
        return list.Count == 0 ? 0 : list.Count(x => Predict(x.Words) == x.Category) / (double)list.Count;
    }

    /// <summary>
    /// The words worth counting, plus every pair of neighbouring characters: with a few dozen examples per
    /// category, 公交站 and 公交车 should still share evidence.
    /// </summary>
    public static List<string> Features(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var features = words.Where(Useful).ToList();
        var letters = string.Concat(words.Select(w => new string([.. w.Where(char.IsLetterOrDigit)])));
        for (var i = 0; i + 1 < letters.Length; i++)
        {
            features.Add(string.Concat("·", letters.AsSpan(i, 2)));
        }

        return features;
    }

    /// <summary>Punctuation and single characters such as 的, 了 carry no topic.</summary>
    public static bool Useful(string word) => word.Length >= 2 && word.Any(char.IsLetterOrDigit);
}

/// <summary>
/// Finds suggestions that say the same thing (a Decidim-style similarity check): cosine similarity of their
/// word counts, and groups formed by linking every pair above the threshold.
/// </summary>
public static class SuggestionSimilarity
{
    public const double DefaultThreshold = 0.5;

    public static double Cosine(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var va = a.Where(SuggestionClassifier.Useful).GroupBy(w => w).ToDictionary(g => g.Key, g => (double)g.Count());
        var vb = b.Where(SuggestionClassifier.Useful).GroupBy(w => w).ToDictionary(g => g.Key, g => (double)g.Count());
        if (va.Count == 0 || vb.Count == 0)
        {
            return 0;
        }

        var dot = va.Sum(kv => vb.TryGetValue(kv.Key, out var x) ? kv.Value * x : 0);
        return dot / (Math.Sqrt(va.Values.Sum(v => v * v)) * Math.Sqrt(vb.Values.Sum(v => v * v)));
    }

    /// <summary>The most similar earlier suggestion at or above the threshold, or null.</summary>
    public static TKey? MostSimilar<TKey>(IReadOnlyList<string> words, IEnumerable<(TKey Key, IReadOnlyList<string> Words)> earlier, double threshold = DefaultThreshold)
        where TKey : struct
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var best = earlier.Select(e => (e.Key, Score: Cosine(words, e.Words))).Where(x => x.Score >= threshold).OrderByDescending(x => x.Score).FirstOrDefault();
        return best.Score >= threshold ? best.Key : null;
    }

    /// <summary>Groups items so that any two linked by a chain of similar pairs share a group; groups are listed by their first item.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Group(IReadOnlyList<IReadOnlyList<string>> texts, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var parent = Enumerable.Range(0, texts.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var i = 0; i < texts.Count; i++)
        {
            for (var j = i + 1; j < texts.Count; j++)
            {
                if (Cosine(texts[i], texts[j]) >= threshold)
                {
                    var (a, b) = (Find(i), Find(j));
                    parent[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
        }

        return [.. Enumerable.Range(0, texts.Count).GroupBy(Find).OrderBy(g => g.Key).Select(g => (IReadOnlyList<int>)[.. g])];
    }
}
