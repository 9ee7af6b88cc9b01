using Shequ.Domain.Opinion;
using Shequ.Web.Modules.Opinion;

namespace Shequ.Web.Tests.Opinion;

/// <summary>
/// The category suggestion with the real segmenter (jieba.NET) on the labelled examples: trained on three in
/// four, measured on the fourth. The figure is reported, not pinned; the test only asks that the classifier
/// does better than always guessing the most common category.
/// </summary>
public class ClassifierAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Held_out_accuracy_is_reported_and_beats_the_majority_guess()
    {
        var segmenter = new JiebaTextSegmenter();
        var (train, held) = OpinionAnalysis.Split(every: 4);
        var classifier = SuggestionClassifier.Train(train.Select(x => (x.Category, segmenter.Words(x.Text))));
        var accuracy = classifier.Accuracy(held.Select(x => (x.Category, segmenter.Words(x.Text))));
        var majority = held.GroupBy(x => x.Category).Max(g => g.Count()) / (double)held.Count;

        output.WriteLine($"held-out accuracy {OpinionAnalysis.Percent(accuracy)} on {held.Count} suggestions (trained on {train.Count}); majority guess {OpinionAnalysis.Percent(majority)}");
        foreach (var miss in held.Where(x => classifier.Predict(segmenter.Words(x.Text)) != x.Category))
        {
            output.WriteLine($"  missed: {miss.Category} ← {miss.Text}");
        }

        accuracy.ShouldBeGreaterThan(majority);
    }

    [Fact]
    public void Keywords_come_from_the_text()
    {
        var keywords = new JiebaTextSegmenter().Keywords("小区门口的公交站台太远了，老人上下车不方便，希望增设社区巴士线路", 5);
        keywords.ShouldContain("公交");
        keywords.Count.ShouldBeLessThanOrEqualTo(5);
    }
}
