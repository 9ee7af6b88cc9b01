using Shequ.Domain.Common;
using Shequ.Domain.Registry;

namespace Shequ.Domain.Requests;

/// <summary>How a request reached the community.</summary>
public enum RequestChannel
{
    /// <summary>At the service-hall desk or by phone to it.</summary>
    Desk = 1,

    /// <summary>The public web form, no sign-in.</summary>
    Public = 2,

    /// <summary>Raised by a worker in the field (grid patrol, visit).</summary>
    Field = 3,
}

/// <summary>What a category belongs to: grid-management events or components, or community services.</summary>
public enum CategoryGroup
{
    GridEvent = 1,
    GridComponent = 2,
    CommunityService = 3,
}

/// <summary>
/// A node of the request category tree. The time limit (hours from dispatch) is a local setting; a child
/// without its own limit uses its parent's.
/// </summary>
public sealed class RequestCategory
{
    public const int MaxLimitHours = 24 * 90;

    private RequestCategory()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public int? ParentId { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public CategoryGroup Group { get; private set; }

    public int? TimeLimitHours { get; private set; }

    public bool IsActive { get; private set; } = true;

    public static RequestCategory Define(string code, string name, CategoryGroup group, int? timeLimitHours, RequestCategory? parent = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var c = new RequestCategory { Code = code.Trim(), Name = name.Trim(), Group = group, ParentId = parent?.Id };
        c.SetTimeLimit(timeLimitHours);
        return c;
    }

    public void SetTimeLimit(int? hours)
    {
        if (hours is < 1 or > MaxLimitHours)
        {
            throw new BusinessRuleViolationException(new ATimeLimitIsBetweenOneHourAndNinetyDaysRule(hours));
        }

        TimeLimitHours = hours;
    }

    public void SetActive(bool active) => IsActive = active;

    /// <summary>The limit that applies: the category's own, else the nearest ancestor's, else the fallback.</summary>
    public static int EffectiveLimitHours(RequestCategory category, IReadOnlyDictionary<int, RequestCategory> all, int fallbackHours)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(all);
        var seen = new HashSet<int>();
        for (RequestCategory? c = category; c is not null && seen.Add(c.Id); c = c.ParentId is { } p && all.TryGetValue(p, out var parent) ? parent : null)
        {
            if (c.TimeLimitHours is { } hours)
            {
                return hours;
            }
        }

        return fallbackHours;
    }
}

/// <summary>One move through the workflow: who, when, from where to where, and why.</summary>
public sealed class RequestTransition
{
    private RequestTransition()
    {
        Actor = string.Empty;
    }

    public int Id { get; private set; }

    public RequestStage? From { get; private set; }

    public RequestStage To { get; private set; }

    public string Actor { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string? Note { get; private set; }

    internal static RequestTransition Of(RequestStage? from, RequestStage to, string actor, DateTime atUtc, string? note) =>
        new() { From = from, To = to, Actor = actor, AtUtc = atUtc, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() };
}

/// <summary>How satisfied the requester is with how the matter was handled (满意度).</summary>
public enum Satisfaction
{
    Satisfied = 1,
    Fair = 2,
    Dissatisfied = 3,
}

/// <summary>Who gave the requester's answer: the requester on the follow page, or staff who rang them (电话回访).</summary>
public enum AnswerSource
{
    Requester = 1,
    PhoneFollowUp = 2,
}

/// <summary>
/// Who a case is dispatched to: a worker (with the account they sign in with, when they have one) or a
/// handling unit (承办单位) with accounts of its own.
/// </summary>
public sealed record RequestHandler(int? WorkerId, int? UnitId, string? Account)
{
    public static RequestHandler Worker(int workerId, string? account) => new(workerId, null, account);

    public static RequestHandler Unit(int unitId) => new(null, unitId, null);
}

/// <summary>What a new request says, whoever records it.</summary>
public sealed record RequestIntake(
    RequestChannel Channel,
    string RegionCode,
    RequestCategory Category,
    string Title,
    string Description,
    string? Location,
    string? RequesterName,
    MobileNumber? RequesterPhone);

/// <summary>
/// A resident request (工单): it moves through <see cref="RequestWorkflow"/>, every move is recorded with
/// its actor and time, the time limit runs from dispatch, and the requester may answer once per closure.
/// </summary>
public sealed class ServiceRequest : Entity
{
    public const string PhonePurpose = "request.phone";
    public const string RequesterActor = "居民";
    public const string SystemActor = "系统";

    private readonly List<RequestTransition> _transitions = [];

    private ServiceRequest()
    {
        RegionCode = string.Empty;
        Title = string.Empty;
        Description = string.Empty;
        FollowTokenHash = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The community or grid where the matter is; scope follows it.</summary>
    public string RegionCode { get; private set; }

    public int CategoryId { get; private set; }

    public RequestChannel Channel { get; private set; }

    public string Title { get; private set; }

    public string Description { get; private set; }

    public string? Location { get; private set; }

    public string? RequesterName { get; private set; }

    public string? RequesterPhoneCipher { get; private set; }

    /// <summary>SHA-256 of the private follow link's secret; the secret itself is never stored.</summary>
    public string FollowTokenHash { get; private set; }

    public RequestStage Stage { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? DispatchedAtUtc { get; private set; }

    public int? TimeLimitHours { get; private set; }

    public DateTime? DueAtUtc { get; private set; }

    public int? HandlerWorkerId { get; private set; }

    /// <summary>The handling unit (承办单位) the case is dispatched to, when not a worker.</summary>
    public int? HandlerUnitId { get; private set; }

    /// <summary>The account name of the handling worker, for separation of duties; null when they have none.</summary>
    public string? HandlerAccount { get; private set; }

    /// <summary>The written result of the latest closure (处理结果); the requester reads it on the follow page.</summary>
    public string? ResultText { get; private set; }

    public Satisfaction? Rating { get; private set; }

    public AnswerSource? AnsweredBy { get; private set; }

    /// <summary>0 none, 1 overdue (the street is told), 2 overdue by a second full limit (the district is told).</summary>
    public int EscalationLevel { get; private set; }

    /// <summary>The requester's answer to "was it solved?" for the current closure; null while not asked or not answered.</summary>
    public bool? SolvedAnswer { get; private set; }

    public int ReopenCount { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public IReadOnlyList<RequestTransition> Transitions => _transitions;

    /// <summary>Whether the request was closed after its due time (measured when it was reported done).</summary>
    public bool? ReportedOnTime { get; private set; }

    public static ServiceRequest Collect(RequestIntake intake, string followTokenHash, string actor, DateTime nowUtc, IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentException.ThrowIfNullOrWhiteSpace(followTokenHash);
        CheckRule(new ARequestSaysWhatIsWrongRule(intake.Title, intake.Description));
        CheckRule(new ARequestUsesAnActiveCategoryRule(intake.Category));
        CheckRule(new TextFitsRule("Request.Location", "地点不超过 200 字。", intake.Location, 200));
        CheckRule(new TextFitsRule("Request.RequesterName", "称呼不超过 50 字。", intake.RequesterName, 50));
        var request = new ServiceRequest
        {
            Channel = intake.Channel,
            RegionCode = intake.RegionCode,
            CategoryId = intake.Category.Id,
            Title = intake.Title.Trim(),
            Description = intake.Description.Trim(),
            Location = Blank(intake.Location),
            RequesterName = Blank(intake.RequesterName),
            RequesterPhoneCipher = intake.RequesterPhone is { } phone ? sealer.Seal(PhonePurpose, phone.Value).Cipher : null,
            FollowTokenHash = followTokenHash,
            Stage = RequestStage.Collected,
            CreatedAtUtc = nowUtc,
        };
        request._transitions.Add(RequestTransition.Of(null, RequestStage.Collected, actor, nowUtc, null));
        return request;
    }

    public bool IsOverdue(DateTime nowUtc) => RequestWorkflow.IsTimed(Stage) && DueAtUtc is { } due && nowUtc > due;

    /// <summary>
    /// Moves the request to <paramref name="to"/>. Dispatch needs a handler and a time limit; cancelling and
    /// sending back need a reason; reporting and closing need a written result. Only the requester's answer
    /// (<see cref="AnswerSolved"/>, <see cref="RecordPhoneFollowUp"/>) evaluates a case. With
    /// <paramref name="separateDuties"/> the one who opened the case, its handler and its verifier are three people.
    /// </summary>
    public void MoveTo(
        RequestStage to, string actor, DateTime nowUtc, string? note = null, int? handlerWorkerId = null, int? timeLimitHours = null,
        RequestHandler? handler = null, bool separateDuties = false) =>
        Move(to, actor, nowUtc, note, handler ?? (handlerWorkerId is { } w ? RequestHandler.Worker(w, null) : null), timeLimitHours, separateDuties, answering: false);

    private void Move(RequestStage to, string actor, DateTime nowUtc, string? note, RequestHandler? handler, int? timeLimitHours, bool separateDuties, bool answering)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        CheckRule(new ATransitionFollowsTheWorkflowRule(Stage, to));
        CheckRule(new OnlyTheRequesterRatesRule(to == RequestStage.Evaluated && !answering));
        CheckRule(new TextFitsRule("Request.Note", "说明不超过 500 字。", note, 500));
        var backwards = to < Stage || to == RequestStage.Cancelled;
        CheckRule(new SendingBackOrCancellingGivesAReasonRule(backwards && !answering, note));
        CheckRule(new ReportingOrClosingSaysWhatWasDoneRule(to is RequestStage.Reported or RequestStage.Closed && !answering, note));
        if (separateDuties)
        {
            CheckRule(new DutiesAreSeparatedRule(to, actor, LastActorInto(RequestStage.Opened), handler?.Account ?? HandlerAccount, LastActorInto(RequestStage.Reported)));
        }

        switch (to)
        {
            case RequestStage.Dispatched:
                CheckRule(new ADispatchNamesAHandlerAndATimeLimitRule(handler, timeLimitHours));
                (HandlerWorkerId, HandlerUnitId, HandlerAccount) = (handler!.WorkerId, handler.UnitId, handler.Account);
                TimeLimitHours = timeLimitHours;
                DispatchedAtUtc = nowUtc;
                DueAtUtc = RequestTimeLimit.DueAt(nowUtc, timeLimitHours!.Value);
                EscalationLevel = 0;
                ReportedOnTime = null;
                break;
            case RequestStage.Reported:
                ReportedOnTime = DueAtUtc is not { } due || nowUtc <= due;
                break;
            case RequestStage.Closed:
                ClosedAtUtc = nowUtc;
                ResultText = note!.Trim();
                SolvedAnswer = null;
                Rating = null;
                AnsweredBy = null;
                break;
            case RequestStage.Opened when Stage == RequestStage.Closed:
                ReopenCount++;
                ClosedAtUtc = null;
                break;
            case RequestStage.Opened when Stage == RequestStage.Dispatched:
                // Handed back (wrong unit): the case leaves the handler's list until it is dispatched again.
                (HandlerWorkerId, HandlerUnitId, HandlerAccount) = (null, null, null);
                break;
        }

        _transitions.Add(RequestTransition.Of(Stage, to, actor, nowUtc, note));
        Stage = to;
        Touch();
    }

    /// <summary>Who made the latest move into <paramref name="stage"/>, or null when none was made.</summary>
    public string? LastActorInto(RequestStage stage) =>
        _transitions.Where(t => t.To == stage && t.From != t.To).OrderBy(t => t.AtUtc).ThenBy(t => t.Id).LastOrDefault()?.Actor;

    /// <summary>Whether the requester is being asked "was it solved?" now.</summary>
    public bool AwaitsRequesterAnswer => Stage == RequestStage.Closed && SolvedAnswer is null;

    /// <summary>
    /// The requester's one answer after closure, on the follow page: solved, with how satisfied they are, evaluates
    /// the case; not solved, with what is still wrong, reopens it.
    /// </summary>
    public void AnswerSolved(bool solved, Satisfaction? rating, string? whatIsStillWrong, DateTime nowUtc) =>
        Answer(solved, rating, whatIsStillWrong, RequesterActor, AnswerSource.Requester, nowUtc);

    /// <summary>
    /// The requester's answer as staff took it down by phone (电话回访). It counts as the requester's answer but
    /// stays marked as taken by phone, under the name of whoever rang.
    /// </summary>
    public void RecordPhoneFollowUp(bool solved, Satisfaction? rating, string? whatTheyToldUs, string staff, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staff);
        Answer(solved, rating, whatTheyToldUs, staff, AnswerSource.PhoneFollowUp, nowUtc);
    }

    private void Answer(bool solved, Satisfaction? rating, string? words, string actor, AnswerSource source, DateTime nowUtc)
    {
        CheckRule(new TheRequesterAnswersOncePerClosureRule(AwaitsRequesterAnswer));
        CheckRule(new AnAnswerSaysHowItWentRule(solved, rating, words));
        var prefix = source == AnswerSource.PhoneFollowUp ? "电话回访：" : string.Empty;
        var text = string.IsNullOrWhiteSpace(words) ? null : words.Trim();
        if (solved)
        {
            Move(RequestStage.Evaluated, actor, nowUtc, $"{prefix}已解决，{SatisfactionNames.Chinese(rating!.Value)}" + (text is null ? string.Empty : $"。{text}"), null, null, false, answering: true);
            (SolvedAnswer, Rating) = (true, rating);
        }
        else
        {
            Move(RequestStage.Opened, actor, nowUtc, $"{prefix}未解决：{text}", null, null, false, answering: true);
            (SolvedAnswer, Rating) = (false, Satisfaction.Dissatisfied);
        }

        AnsweredBy = source;
    }

    /// <summary>Raises the escalation level when the request has run past its limit. Returns whether it changed.</summary>
    public bool Escalate(DateTime nowUtc)
    {
        if (!RequestWorkflow.IsTimed(Stage) || DueAtUtc is not { } due || TimeLimitHours is not { } hours)
        {
            return false;
        }

        var level = RequestTimeLimit.EscalationLevel(due, hours, nowUtc);
        if (level <= EscalationLevel)
        {
            return false;
        }

        EscalationLevel = level;
        _transitions.Add(RequestTransition.Of(Stage, Stage, SystemActor, nowUtc, level == 1 ? "已超时，升级至街道督办" : "严重超时，升级至区级督办"));
        Touch();
        return true;
    }

    public string? RequesterPhone(IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        return RequesterPhoneCipher is null ? null : sealer.Open(PhonePurpose, RequesterPhoneCipher);
    }

    /// <summary>The requester's phone as lists and the API show it (180****1999).</summary>
    public string? MaskedRequesterPhone(IPersonalDataSealer sealer) =>
        RequesterPhone(sealer) is { } phone && MobileNumber.TryParse(phone, out var m) ? m.Masked : null;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Time limits count calendar hours from dispatch; escalation steps at one and two limits' length.</summary>
public static class RequestTimeLimit
{
    public static DateTime DueAt(DateTime dispatchedAtUtc, int limitHours) => dispatchedAtUtc.AddHours(limitHours);

    public static int EscalationLevel(DateTime dueAtUtc, int limitHours, DateTime nowUtc) =>
        nowUtc <= dueAtUtc ? 0 : nowUtc <= dueAtUtc.AddHours(limitHours) ? 1 : 2;

    /// <summary>Time left (negative when overdue).</summary>
    public static TimeSpan Remaining(DateTime dueAtUtc, DateTime nowUtc) => dueAtUtc - nowUtc;
}

public static class RequestStageNames
{
    public static string Chinese(RequestStage stage) => stage switch
    {
        RequestStage.Collected => "已受理",
        RequestStage.Opened => "已立案",
        RequestStage.Dispatched => "已派遣",
        RequestStage.Handling => "处理中",
        RequestStage.Reported => "已反馈",
        RequestStage.Closed => "已结案",
        RequestStage.Evaluated => "已评价",
        RequestStage.Cancelled => "已撤销",
        _ => stage.ToString(),
    };
}

public sealed class ATransitionFollowsTheWorkflowRule(RequestStage from, RequestStage to) : IBusinessRule
{
    public string Code => "Request.Transition";

    public string Message => $"工单当前为“{RequestStageNames.Chinese(from)}”，不能转为“{RequestStageNames.Chinese(to)}”。";

    public bool IsBroken() => !RequestWorkflow.IsAllowed(from, to);
}

public sealed class ADispatchNamesAHandlerAndATimeLimitRule(RequestHandler? handler, int? hours) : IBusinessRule
{
    public string Code => "Request.Dispatch";

    public string Message => "派遣时须指定一位处理人或一个承办单位，并有处理时限。";

    public bool IsBroken() => handler is null
        || (handler.WorkerId is > 0) == (handler.UnitId is > 0)
        || hours is null or < 1 or > RequestCategory.MaxLimitHours;
}

public sealed class OnlyTheRequesterRatesRule(bool staffEvaluating) : IBusinessRule
{
    public string Code => "Request.OnlyRequesterRates";

    public string Message => "是否解决和满意度只能由居民本人答复；居民在电话里答复的，请用“记录电话回访”。";

    public bool IsBroken() => staffEvaluating;
}

public sealed class ReportingOrClosingSaysWhatWasDoneRule(bool needsResult, string? note) : IBusinessRule
{
    public string Code => "Request.Result";

    public string Message => "反馈和结案时请写明处理结果，居民会看到这段话。";

    public bool IsBroken() => needsResult && string.IsNullOrWhiteSpace(note);
}

/// <summary>
/// Separation of duties (a setting): whoever opened a case does not handle it, and whoever verifies and closes it
/// neither opened nor handled it nor reported it done.
/// </summary>
public sealed class DutiesAreSeparatedRule(RequestStage to, string actor, string? openedBy, string? handlerAccount, string? reportedBy) : IBusinessRule
{
    public string Code => "Request.Duties";

    public string Message => to == RequestStage.Dispatched
        ? "按职责分离的规定，立案人不能把工单派给自己处理。"
        : "按职责分离的规定，核查结案须由立案人和处理人以外的人进行。";

    public bool IsBroken() => to switch
    {
        RequestStage.Dispatched => handlerAccount is not null && handlerAccount == openedBy,
        RequestStage.Closed => actor == openedBy || actor == handlerAccount || actor == reportedBy,
        _ => false,
    };
}

public sealed class AnAnswerSaysHowItWentRule(bool solved, Satisfaction? rating, string? words) : IBusinessRule
{
    public string Code => "Request.Answer.Details";

    public const int MaxWords = 400;

    public string Message => solved ? $"请选择满意程度（补充的话不超过 {MaxWords} 字）。" : $"请说说哪里还没有解决（不超过 {MaxWords} 字）。";

    public bool IsBroken() => solved
        ? rating is null || !Enum.IsDefined(rating.Value) || words?.Trim().Length > MaxWords
        : string.IsNullOrWhiteSpace(words) || words.Trim().Length > MaxWords;
}

public static class SatisfactionNames
{
    public static string Chinese(Satisfaction s) => s switch
    {
        Satisfaction.Satisfied => "满意",
        Satisfaction.Fair => "基本满意",
        Satisfaction.Dissatisfied => "不满意",
        _ => s.ToString(),
    };
}

public sealed class SendingBackOrCancellingGivesAReasonRule(bool needsReason, string? note) : IBusinessRule
{
    public string Code => "Request.Reason";

    public string Message => "退回、核查不通过或撤销工单时，请填写原因。";

    public bool IsBroken() => needsReason && string.IsNullOrWhiteSpace(note);
}

public sealed class TheRequesterAnswersOncePerClosureRule(bool awaiting) : IBusinessRule
{
    public string Code => "Request.Answer";

    public string Message => "这件事目前不需要您答复，或您已经答复过了。";

    public bool IsBroken() => !awaiting;
}

public sealed class ARequestSaysWhatIsWrongRule(string? title, string? description) : IBusinessRule
{
    public string Code => "Request.Text";

    public string Message => "请填写标题（不超过 60 字）和具体情况（不超过 2000 字）。";

    public bool IsBroken() => string.IsNullOrWhiteSpace(title) || title.Trim().Length > 60
        || string.IsNullOrWhiteSpace(description) || description.Trim().Length > 2000;
}

public sealed class ARequestUsesAnActiveCategoryRule(RequestCategory? category) : IBusinessRule
{
    public string Code => "Request.Category";

    public string Message => "请选择一个有效的类别。";

    public bool IsBroken() => category is null || !category.IsActive;
}

public sealed class ATimeLimitIsBetweenOneHourAndNinetyDaysRule(int? hours) : IBusinessRule
{
    public string Code => "Request.TimeLimit";

    public string Message => "处理时限应在 1 小时到 90 天之间。";

    public bool IsBroken() => hours is < 1 or > RequestCategory.MaxLimitHours;
}

/// <summary>An optional text that, when given, fits its column.</summary>
public sealed class TextFitsRule(string code, string message, string? text, int max) : IBusinessRule
{
    public string Code => code;

    public string Message => message;

    public bool IsBroken() => text is not null && text.Trim().Length > max;
}
