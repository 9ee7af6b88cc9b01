using Shequ.Domain.Common;

namespace Shequ.Domain.Opinion;

/// <summary>E8-6: the fields suggestions fall into.</summary>
public enum OpinionCategory
{
    PublicTransport = 1,
    CivilAffairs = 2,
    Environment = 3,
    EducationHealth = 4,
    PublicSecurity = 5,
    Other = 9,
}

public enum SuggestionSource
{
    ContactDay = 1,
    PublicForm = 2,
    Visit = 3,
    Evaluation = 4,
}

public enum SuggestionStatus
{
    New = 1,
    Sorted = 2,
    Routed = 3,

    /// <summary>The reply is published (or, when not for publication, released to the resident).</summary>
    Replied = 4,

    /// <summary>The unit has written its reply; it waits for someone with the right to publish it.</summary>
    Drafted = 5,
}

/// <summary>Who answers a suggestion.</summary>
public enum UnitKind
{
    Department = 1,
    Street = 2,
    Community = 3,
    Partner = 4,
}

/// <summary>What a suggestion says and where it came from, whoever records it.</summary>
public sealed record SuggestionIntake(
    string CommunityCode,
    SuggestionSource Source,
    string Text,
    string? SubmitterName,
    string? ContactCipher,
    string? FollowTokenHash,
    int? ContactDayId = null,
    long? ServiceRecordId = null);

/// <summary>
/// A resident's suggestion: Shequ proposes a category and a person confirms it; similar suggestions share a
/// group so one reply serves many; it is routed to a unit with a reply deadline, the reply is published, and a
/// resident who left a way back rates the reply once.
/// </summary>
public sealed class Suggestion : Entity
{
    public const int MaxText = 1000;
    public const string ContactPurpose = "suggestion.contact";

    private Suggestion()
    {
        CommunityCode = string.Empty;
        Text = string.Empty;
        SubmittedBy = string.Empty;
        Keywords = string.Empty;
    }

    public int Id { get; private set; }

    public string CommunityCode { get; private set; }

    public SuggestionSource Source { get; private set; }

    public int? ContactDayId { get; private set; }

    public long? ServiceRecordId { get; private set; }

    public string Text { get; private set; }

    public string? SubmitterName { get; private set; }

    /// <summary>A phone the resident left, sealed; null when anonymous.</summary>
    public string? ContactCipher { get; private set; }

    /// <summary>SHA-256 of the resident's private link, when they asked to follow it.</summary>
    public string? FollowTokenHash { get; private set; }

    public string SubmittedBy { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }

    public OpinionCategory SuggestedCategory { get; private set; }

    public OpinionCategory? Category { get; private set; }

    public string? CategoryConfirmedBy { get; private set; }

    /// <summary>The main keywords, comma-separated, for hot topics.</summary>
    public string Keywords { get; private set; }

    /// <summary>The first suggestion of the group of similar ones this belongs to (itself when it leads one).</summary>
    public int? GroupId { get; private set; }

    public UnitKind? UnitKind { get; private set; }

    public string? UnitName { get; private set; }

    /// <summary>The registered handling unit (承办单位) it was routed to, whose accounts then draft the reply.</summary>
    public int? HandlerUnitId { get; private set; }

    /// <summary>Whether the published reply shows on the community's public page; false keeps it to the resident.</summary>
    public bool? ReplyIsPublic { get; private set; }

    public string? PublishedBy { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }

    public DateOnly? ReplyDueOn { get; private set; }

    public string? Reply { get; private set; }

    public string? RepliedBy { get; private set; }

    public DateTime? RepliedAtUtc { get; private set; }

    public DateOnly? RepliedOn { get; private set; }

    public int? Rating { get; private set; }

    public SuggestionStatus Status { get; private set; }

    public bool? RepliedOnTime => RepliedOn is { } on && ReplyDueOn is { } due ? on <= due : null;

    public bool IsOverdue(DateOnly today) => Status == SuggestionStatus.Routed && ReplyDueOn < today;

    /// <summary>A reply anyone may read on the public pages.</summary>
    public bool HasPublicReply => Status == SuggestionStatus.Replied && ReplyIsPublic == true;

    public static Suggestion Submit(SuggestionIntake intake, OpinionCategory suggested, IEnumerable<string> keywords, string actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(keywords);
        CheckRule(new ASuggestionSaysSomethingRule(intake.Text));
        CheckRule(new Requests.TextFitsRule("Suggestion.Name", "称呼不超过 50 字。", intake.SubmitterName, 50));
        return new Suggestion
        {
            CommunityCode = intake.CommunityCode,
            Source = intake.Source,
            ContactDayId = intake.ContactDayId,
            ServiceRecordId = intake.ServiceRecordId,
            Text = intake.Text.Trim(),
            SubmitterName = string.IsNullOrWhiteSpace(intake.SubmitterName) ? null : intake.SubmitterName.Trim(),
            ContactCipher = intake.ContactCipher,
            FollowTokenHash = intake.FollowTokenHash,
            SubmittedBy = actor,
            SubmittedAtUtc = nowUtc,
            SuggestedCategory = suggested,
            Keywords = string.Join(",", keywords.Take(5)),
            Status = SuggestionStatus.New,
        };
    }

    /// <summary>Joins the group led by <paramref name="leadId"/> (its own id when it starts one).</summary>
    public void JoinGroup(int leadId)
    {
        GroupId = leadId;
        Touch();
    }

    public void ConfirmCategory(OpinionCategory category, string by)
    {
        Category = category;
        CategoryConfirmedBy = by;
        if (Status == SuggestionStatus.New)
        {
            Status = SuggestionStatus.Sorted;
        }

        Touch();
    }

    /// <summary>Routes to a unit by name, or to a registered handling unit (<paramref name="unitId"/>) whose accounts will answer.</summary>
    public void Route(UnitKind kind, string unitName, DateOnly dueOn, DateOnly today, int? unitId = null)
    {
        CheckRule(new ASuggestionIsSortedBeforeItIsRoutedRule(Category is not null, Status));
        CheckRule(new ARouteNamesAUnitAndADeadlineRule(unitName, dueOn, today));
        (UnitKind, UnitName, ReplyDueOn, HandlerUnitId) = (kind, unitName.Trim(), dueOn, unitId);
        Status = SuggestionStatus.Routed;
        Touch();
    }

    /// <summary>
    /// The unit's reply, as a draft: nobody outside sees it until it is published. The draft may be rewritten
    /// until then; the day of the first draft is the day the unit answered.
    /// </summary>
    public void Answer(string reply, string by, DateTime nowUtc, DateOnly today)
    {
        CheckRule(new OnlyARoutedSuggestionIsAnsweredRule(Status));
        CheckRule(new AReplySaysWhatWillBeDoneRule(reply));
        Reply = reply.Trim();
        RepliedBy = by;
        RepliedAtUtc ??= nowUtc;
        RepliedOn ??= today;
        Status = SuggestionStatus.Drafted;
        Touch();
    }

    /// <summary>
    /// Releases the drafted reply: on the community's public page, or (<paramref name="forPublication"/> false,
    /// for replies about one household's affairs) only to the resident who asked.
    /// </summary>
    public void Publish(bool forPublication, string by, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        CheckRule(new OnlyADraftIsPublishedRule(Status));
        (ReplyIsPublic, PublishedBy, PublishedAtUtc) = (forPublication, by, nowUtc);
        Status = SuggestionStatus.Replied;
        Touch();
    }

    /// <summary>The resident's one rating of the reply, 1 (poor) to 5 (good).</summary>
    public void Rate(int rating)
    {
        CheckRule(new AReplyIsRatedOnceRule(Status, Rating, rating));
        Rating = rating;
        Touch();
    }
}

public sealed class ASuggestionSaysSomethingRule(string? text) : IBusinessRule
{
    public string Code => "Suggestion.Text";

    public string Message => $"请写下您的意见或建议（不超过 {Suggestion.MaxText} 字）。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(text) || text.Trim().Length > Suggestion.MaxText;
}

public sealed class ASuggestionIsSortedBeforeItIsRoutedRule(bool sorted, SuggestionStatus status) : IBusinessRule
{
    public string Code => "Suggestion.Route";

    public string Message => "请先确认类别；已有答复的建议不再转办。";

    public bool IsBroken() => !sorted || status is SuggestionStatus.Replied or SuggestionStatus.Drafted;
}

public sealed class ARouteNamesAUnitAndADeadlineRule(string? unit, DateOnly dueOn, DateOnly today) : IBusinessRule
{
    public string Code => "Suggestion.Unit";

    public string Message => "请填写承办单位（不超过 60 字），答复期限须在今天之后、90 天之内。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(unit) || unit.Trim().Length > 60 || dueOn <= today || dueOn > today.AddDays(90);
}

public sealed class OnlyARoutedSuggestionIsAnsweredRule(SuggestionStatus status) : IBusinessRule
{
    public string Code => "Suggestion.Answer";

    public string Message => "建议须先转办给承办单位；答复公布后不再修改。";

    public bool IsBroken() => status is not (SuggestionStatus.Routed or SuggestionStatus.Drafted);
}

public sealed class OnlyADraftIsPublishedRule(SuggestionStatus status) : IBusinessRule
{
    public string Code => "Suggestion.Publish";

    public string Message => "只有承办单位已拟好的答复才能公布，已公布的不再重复公布。";

    public bool IsBroken() => status != SuggestionStatus.Drafted;
}

public sealed class AReplySaysWhatWillBeDoneRule(string? reply) : IBusinessRule
{
    public string Code => "Suggestion.Reply";

    public string Message => "请填写答复内容（不超过 2000 字）。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(reply) || reply.Trim().Length > 2000;
}

public sealed class AReplyIsRatedOnceRule(SuggestionStatus status, int? existing, int rating) : IBusinessRule
{
    public string Code => "Suggestion.Rating";

    public string Message => "答复公布后才能评价，每条建议只评价一次，评分为 1 至 5。";

    public bool IsBroken() => status != SuggestionStatus.Replied || existing is not null || rating is < 1 or > 5;
}
