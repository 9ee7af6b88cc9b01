using System.Globalization;
using Shequ.Domain.Opinion;

namespace Shequ.Web.Modules.Opinion;

/// <summary>The analysis thread's queue is full: the submission is refused for now, nothing was written.</summary>
public sealed class TextAnalysisBusyException : Exception
{
    public const string Message503 = "系统正在处理大量建议，请稍后再提交。";

    public TextAnalysisBusyException()
        : base(Message503)
    {
    }

    public TextAnalysisBusyException(string message)
        : base(message)
    {
    }

    public TextAnalysisBusyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>jieba.NET behind the domain's <see cref="ITextSegmenter"/>; its dictionaries are copied beside the app.</summary>
public sealed class JiebaTextSegmenter : ITextSegmenter
{
    private static readonly Lazy<(JiebaNet.Segmenter.JiebaSegmenter Segmenter, JiebaNet.Analyser.TfidfExtractor Keywords)> Engine = new(() =>
    {
        JiebaNet.Segmenter.ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "Resources", "jieba");
        var segmenter = new JiebaNet.Segmenter.JiebaSegmenter();
        return (segmenter, new JiebaNet.Analyser.TfidfExtractor(segmenter));
    });

    // The segmenter keeps caches that are not safe for concurrent writers.
    private static readonly Lock Gate = new();

    public IReadOnlyList<string> Words(string text)
    {
        lock (Gate)
        {
            return [.. Engine.Value.Segmenter.Cut(text ?? string.Empty)];
        }
    }

    public IReadOnlyList<string> Keywords(string text, int count)
    {
        lock (Gate)
        {
            return [.. Engine.Value.Keywords.ExtractTags(text ?? string.Empty, count)];
        }
    }
}

/// <summary>
/// Proposes a category and keywords for a suggestion, and tells similar ones apart. The classifier is trained
/// at start-up on the labelled examples in <c>Opinion/labelled-suggestions.tsv</c>.
/// </summary>
public sealed class OpinionAnalysis : IDisposable
{
    /// <summary>Texts waiting for the analysis thread; past this a submission is told to come back (503), not queued.</summary>
    public const int DefaultQueueLength = 64;

    private readonly Lazy<SuggestionClassifier> _classifier;

    private readonly System.Threading.Channels.Channel<Action> _work;

    private readonly Microsoft.Extensions.Caching.Memory.MemoryCache _wordsOfStored = new(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 20_000 });

    public OpinionAnalysis(ITextSegmenter segmenter, Microsoft.Extensions.Options.IOptions<OpinionOptions>? options = null)
    {
        Segmenter = segmenter;
        _classifier = new(() => SuggestionClassifier.Train(LabelledExamples().Select(x => (x.Category, Segmenter.Words(x.Text)))));
        _work = System.Threading.Channels.Channel.CreateBounded<Action>(new System.Threading.Channels.BoundedChannelOptions(options?.Value.AnalysisQueueLength ?? DefaultQueueLength) { SingleReader = true });
        new Thread(Drain) { IsBackground = true, Name = "Shequ text analysis" }.Start();
    }

    public ITextSegmenter Segmenter { get; }

    public void Dispose()
    {
        _work.Writer.TryComplete();
        _wordsOfStored.Dispose();
    }

    /// <summary>
    /// Runs CPU-bound text work on the analysis thread, never on a request's (issue 15): callers wait asynchronously,
    /// so a flood of public submissions holds no thread-pool thread and staff requests keep theirs. When the queue is
    /// full nothing is queued: <see cref="TextAnalysisBusyException"/>, and the caller answers 503.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Job()
        {
            if (ct.IsCancellationRequested)
            {
                done.TrySetCanceled(ct);
                return;
            }

            try
            {
                done.TrySetResult(work());
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }

        if (!_work.Writer.TryWrite(Job))
        {
            throw new TextAnalysisBusyException();
        }

        return await done.Task.WaitAsync(ct);
    }

    private void Drain()
    {
        var reader = _work.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var job))
            {
                job();
            }
        }
    }

    /// <summary>Analyses at most what a suggestion may hold, whatever a caller passes (issue 15: cost grows faster than length).</summary>
    public (OpinionCategory Category, IReadOnlyList<string> Keywords, IReadOnlyList<string> Words) Analyse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Length > Suggestion.MaxText ? text[..Suggestion.MaxText] : text;
        var words = Segmenter.Words(text);
        return (_classifier.Value.Predict(words), Segmenter.Keywords(text, 5), words);
    }

    /// <summary>
    /// The words of a stored suggestion, segmented once: grouping compares each new suggestion with up to 300 recent
    /// ones, and segmenting them all again on every anonymous submission would hold the segmenter's lock for
    /// hundreds of milliseconds a request (issue 15). A suggestion's text does not change once submitted.
    /// </summary>
    public IReadOnlyList<string> WordsOfStored(int id, string text) =>
        Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreate(_wordsOfStored, id, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromDays(2);
            return Segmenter.Words(text.Length > Suggestion.MaxText ? text[..Suggestion.MaxText] : text);
        })!;

    /// <summary>The examples, in file order: (category, text); keyword lists start with "@".</summary>
    public static IReadOnlyList<(OpinionCategory Category, string Text)> LabelledExamples()
    {
        using var stream = typeof(OpinionAnalysis).Assembly.GetManifestResourceStream("Shequ.Web.Modules.Opinion.labelled-suggestions.tsv")
            ?? throw new InvalidOperationException("labelled suggestions are missing from the assembly");
        using var reader = new StreamReader(stream);
        var list = new List<(OpinionCategory, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            list.Add((Enum.Parse<OpinionCategory>(line[..tab], ignoreCase: false), line[(tab + 1)..].Trim()));
        }

        return list;
    }

    /// <summary>Every <paramref name="every"/>-th example of each category is held out; the rest train.</summary>
    public static (List<(OpinionCategory Category, string Text)> Train, List<(OpinionCategory Category, string Text)> HeldOut) Split(int every)
    {
        var train = new List<(OpinionCategory, string)>();
        var held = new List<(OpinionCategory, string)>();
        foreach (var group in LabelledExamples().GroupBy(x => x.Category))
        {
            var i = 0;
            foreach (var x in group)
            {
                var isKeywordList = x.Text.StartsWith('@');
                (!isKeywordList && ++i % every == 0 ? held : train).Add(x);
            }
        }

        return (train, held);
    }

    public static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture);
}
